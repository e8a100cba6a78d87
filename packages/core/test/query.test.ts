import { describe, expect, it } from "vitest";
import { createApiClient, styledQuerySerializer } from "../src/index.js";
import { json, server, type LooseRoutes } from "./helpers.js";

describe("styledQuerySerializer", () => {
  const q = styledQuerySerializer({ commaSeparated: ["phase"] });

  it("repeats array parameters by default and joins the listed ones with commas", () => {
    expect(q({ ids: ["1", "2"], phase: ["Calculatie", "Inkoop"], page: 2 })).toBe("ids=1&ids=2&phase=Calculatie,Inkoop&page=2");
  });

  it("with indexedArrays, writes every other array with indexes (PHP's array form), listed ones still comma-separated", () => {
    const php = styledQuerySerializer({ commaSeparated: ["phase"], indexedArrays: true });
    expect(php({ ids: ["1", null, 2], phase: ["Calculatie", "Inkoop"], empty: [], rows: [{ id: 1 }] })).toBe(
      "ids[0]=1&ids[1]=2&phase=Calculatie,Inkoop&rows[0][id]=1",
    );
  });

  it("with indexedArrays by name, writes those arrays with indexes and an empty one as `name=` (Assumed: the server sees it given and empty)", () => {
    const php = styledQuerySerializer({ commaSeparated: ["phase"], indexedArrays: ["ids", "none"] });
    expect(php({ ids: ["1", null, 2], phase: ["Calculatie", "Inkoop"], other: ["a", "b"], none: [], nulls: [] })).toBe(
      "ids[0]=1&ids[1]=2&phase=Calculatie,Inkoop&other=a&other=b&none=",
    );
    expect(php({ ids: [null] })).toBe("ids=");
  });

  it("a listed name that carries a scalar is sent as a scalar", () => {
    expect(q({ phase: "Inkoop" })).toBe("phase=Inkoop");
  });

  it("nests objects as deepObject brackets at any depth, arrays inside objects indexed", () => {
    expect(q({ properties: { name: "Some name", unit: "m3" } })).toBe("properties[name]=Some%20name&properties[unit]=m3");
    expect(q({ rows: { 0: { id: "2", properties: { name: "a&b=c" } } } })).toBe("rows[0][id]=2&rows[0][properties][name]=a%26b%3Dc");
    expect(q({ rows: [{ id: 1 }, { id: 2 }] })).toBe("rows[0][id]=1&rows[1][id]=2");
    expect(q({ o: { tags: ["x", "y"] } })).toBe("o[tags][0]=x&o[tags][1]=y");
  });

  it("encodes keys and values, leaves out undefined, null and empty arrays", () => {
    expect(q({ "a b": "ä/+", skip: undefined, nil: null, empty: [], o: { k: undefined, "x y": null, z: 0 } })).toBe("a%20b=%C3%A4%2F%2B&o[z]=0");
    expect(q({})).toBe("");
  });

  it("is what a client built with it sends", async () => {
    const urls: string[] = [];
    const fetch = async (r: Request) => (urls.push(r.url), Response.json({}));
    const c = createApiClient<any>({ baseUrl: "https://api.example.test", fetch, querySerializer: q });
    await c.GET("/x", { params: { query: { phase: ["All"], ids: ["7", "8"], rows: { 0: { properties: { name: "n" } } } } } });
    expect(urls).toEqual(["https://api.example.test/x?phase=All&ids=7&ids=8&rows[0][properties][name]=n"]);
  });
});

describe("liberal inputs: a number is sent exactly as its digit string", () => {
  const sent = async (querySerializer?: Parameters<typeof createApiClient>[0]["querySerializer"]) => {
    const s = await server((_req, res) => json(res, 200, {}));
    const c = createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, querySerializer });
    await c.GET("/projects/{projectId}", { params: { path: { projectId: 42 }, query: { active: 0, phaseId: [1, 20], page: 3 } } });
    await c.GET("/projects/{projectId}", { params: { path: { projectId: "42" }, query: { active: "0", phaseId: ["1", "20"], page: "3" } } });
    return s.requests.map((r) => r.url);
  };

  it("with openapi-fetch's serializer, repeated arrays (Endre)", async () => {
    const [asNumbers, asStrings] = await sent();
    expect(asNumbers).toBe("/projects/42?active=0&phaseId=1&phaseId=20&page=3");
    expect(asNumbers).toBe(asStrings);
  });

  it("with comma-separated arrays (Blikk, Simplo)", async () => {
    const [asNumbers, asStrings] = await sent({ array: { style: "form", explode: false } });
    expect(asNumbers).toBe("/projects/42?active=0&phaseId=1,20&page=3");
    expect(asNumbers).toBe(asStrings);
  });

  it("with styledQuerySerializer (12Build)", async () => {
    const [asNumbers, asStrings] = await sent(styledQuerySerializer({ commaSeparated: ["phaseId"] }));
    expect(asNumbers).toBe("/projects/42?active=0&phaseId=1,20&page=3");
    expect(asNumbers).toBe(asStrings);
  });
});
