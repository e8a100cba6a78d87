import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MINIMAL_PDF, createSpecHandlers, laterPage, type OpenApiDoc } from "../src/index.js";

const problem = { type: "object", required: ["message"], properties: { message: { type: "string" } } };
const json = (schema: object, example: unknown) => ({ content: { "application/json": { schema, example } } });

/** A small spec with one of each thing the handlers must honour. */
const spec: OpenApiDoc = {
  openapi: "3.1.0",
  servers: [{ url: "https://{host}/api", variables: { host: { default: "shop.example.com" } } }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: {
      bearer: { type: "http", scheme: "bearer" },
      basic: { type: "http", scheme: "basic" },
      key: { type: "apiKey", in: "query", name: "apiKey" },
    },
    schemas: {
      Item: { type: "object", required: ["id", "name"], properties: { id: { type: "integer" }, name: { type: "string", minLength: 1 } } },
      Page: {
        type: "object",
        required: ["page", "totalPages", "items"],
        properties: { page: { type: "integer" }, totalPages: { type: "integer" }, items: { type: "array", items: { $ref: "#/components/schemas/Item" } } },
      },
    },
    responses: { Unauthorized: { description: "no token", ...json(problem, { message: "token missing" }) } },
  },
  paths: {
    "/token": {
      post: {
        operationId: "token",
        security: [{ basic: [] }],
        responses: { "200": json({ type: "object" }, { accessToken: "tok_123" }), "401": { $ref: "#/components/responses/Unauthorized" } },
      },
    },
    "/keyed": {
      get: { operationId: "keyed", security: [{ key: [] }], responses: { "200": json({ type: "object" }, { ok: true }) } },
    },
    "/items": {
      get: {
        operationId: "listItems",
        parameters: [{ name: "page", in: "query", schema: { type: "integer", minimum: 1 } }, { name: "tags", in: "query", explode: false, schema: { type: "array", items: { type: "integer" } } }],
        responses: {
          "200": json({ $ref: "#/components/schemas/Page" }, { page: 1, totalPages: 1, items: [{ id: 1, name: "Brick" }] }),
          "401": { $ref: "#/components/responses/Unauthorized" },
          "400": json(problem, { message: "bad request" }),
          "429": json(problem, { message: "slow down" }),
        },
      },
      post: {
        operationId: "createItem",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } },
        responses: {
          "201": json({ $ref: "#/components/schemas/Item" }, { id: 7, name: "Beam" }),
          "422": json(problem, { message: "invalid item" }),
        },
      },
    },
    "/items/stats": { get: { operationId: "itemStats", responses: { "200": json({ type: "object" }, { count: 1 }) } } },
    "/items/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
      get: { operationId: "getItem", responses: { "200": json({ $ref: "#/components/schemas/Item" }, { id: 1, name: "Brick" }) } },
      delete: { operationId: "deleteItem", responses: { "204": { description: "gone" }, "404": json(problem, { message: "no such item" }) } },
    },
    "/items/{id}/pdf": {
      get: { operationId: "itemPdf", security: [], responses: { "200": { description: "PDF", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } } } },
    },
  },
};

/** The shape openapi-typescript gives `getItem` (what a vendor package's `operations` holds). */
interface ItemOperations {
  getItem: { responses: { 200: { content: { "application/json": { id: number; name: string } } }; 404: { content: { "application/json": { message: string } } } } };
  deleteItem: { responses: { 204: { headers: Record<string, unknown>; content?: never } } };
}

const base = "https://shop.example.com/api";
const auth = { Authorization: "Bearer tok_123" };
const server = setupServer(...createSpecHandlers(spec));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("handlers from a spec", () => {
  it("answer at the first server's URL with its variables' defaults, with the documented status and example", async () => {
    const res = await fetch(`${base}/items/1`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ id: 1, name: "Brick" });
    const created = await fetch(`${base}/items`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ id: 9, name: "Nail" }) });
    expect(created.status).toBe(201);
  });

  it("match literal paths before templated ones", async () => {
    const res = await fetch(`${base}/items/stats`, { headers: auth });
    expect(await res.json()).toEqual({ count: 1 });
  });

  it("answer the spec's 401 when the required credentials are missing, per security scheme", async () => {
    const res = await fetch(`${base}/items`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "token missing" });
    expect((await fetch(`${base}/token`, { method: "POST", headers: auth })).status).toBe(401);
    const token = await fetch(`${base}/token`, { method: "POST", headers: { Authorization: `Basic ${btoa("app:secret")}` } });
    expect(await token.json()).toEqual({ accessToken: "tok_123" });
    expect((await fetch(`${base}/keyed`)).status).toBe(401);
    expect((await fetch(`${base}/keyed?apiKey=k`)).status).toBe(200);
    // `security: []` needs none.
    expect((await fetch(`${base}/items/1/pdf`)).status).toBe(200);
  });

  it("refuse a parameter or body that does not conform with the spec's 422, else its 400, with its example", async () => {
    const badPath = await fetch(`${base}/items/abc`, { headers: auth });
    expect(badPath.status).toBe(422);
    const badQuery = await fetch(`${base}/items?tags=1,x`, { headers: auth });
    expect(badQuery.status).toBe(400);
    expect(await badQuery.json()).toEqual({ message: "bad request" });
    expect((await fetch(`${base}/items?tags=1,2&page=1`, { headers: auth })).status).toBe(200);
    const post = (body: string | undefined) => fetch(`${base}/items`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body });
    const invalid = await post(JSON.stringify({ id: "nine", name: "" }));
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({ message: "invalid item" });
    expect((await post(undefined)).status).toBe(422);
    expect((await post("{not json")).status).toBe(422);
  });

  it("answer a paged list's later pages with an empty page and the same totals", async () => {
    const page2 = await fetch(`${base}/items?page=2`, { headers: auth });
    expect(await page2.json()).toEqual({ page: 2, totalPages: 1, items: [] });
    expect(laterPage([{ id: 1 }], 3)).toEqual([]);
    expect(laterPage({ items: [1], itemCount: 1, _meta: { page: 1, total_pages: 1, total: 1 } }, 2)).toEqual({ items: [], itemCount: 0, _meta: { page: 2, total_pages: 1, total: 1 } });
  });

  it("answer binary media with bytes (a PDF for application/pdf) and 204 without a body", async () => {
    const pdf = await fetch(`${base}/items/1/pdf`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const text = new TextDecoder().decode(await pdf.arrayBuffer());
    expect(text).toBe(MINIMAL_PDF);
    expect(text.startsWith("%PDF-")).toBe(true);
    const gone = await fetch(`${base}/items/1`, { method: "DELETE", headers: auth });
    expect(gone.status).toBe(204);
    expect(await gone.text()).toBe("");
  });

  it("answer another documented response on `Prefer: code=…`, as Prism does", async () => {
    const res = await fetch(`${base}/items`, { headers: { ...auth, Prefer: "code=429" } });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ message: "slow down" });
  });

  it("let an override answer a valid request; requests the spec refuses are still refused", async () => {
    server.use(...createSpecHandlers<ItemOperations>(spec, { overrides: { getItem: ({ params }) => HttpResponse.json({ id: Number(params.id), name: "Override" }) } }));
    expect(await (await fetch(`${base}/items/5`, { headers: auth })).json()).toEqual({ id: 5, name: "Override" });
    expect((await fetch(`${base}/items/5`)).status).toBe(401);
  });

  it("type overrides by operationId against the operation's documented bodies", () => {
    const ok = createSpecHandlers<ItemOperations>(spec, {
      overrides: {
        getItem: () => HttpResponse.json({ message: "down for maintenance" }, { status: 503 }),
        deleteItem: () => new HttpResponse(null, { status: 429 }),
      },
    });
    expect(ok).toHaveLength(8);
    createSpecHandlers<ItemOperations>(spec, {
      overrides: {
        // @ts-expect-error: `name` must be a string
        getItem: () => HttpResponse.json({ id: 1, name: 2 }),
      },
    });
    createSpecHandlers<ItemOperations>(spec, {
      overrides: {
        // @ts-expect-error: no operation `getItems`
        getItems: () => HttpResponse.json({ id: 1, name: "x" }),
      },
    });
  });

  it("answer at another base URL when given one", async () => {
    server.use(...createSpecHandlers(spec, { baseUrl: "http://localhost:4010/" }));
    const res = await fetch("http://localhost:4010/items/1", { headers: auth });
    expect(await res.json()).toEqual({ id: 1, name: "Brick" });
  });
});
