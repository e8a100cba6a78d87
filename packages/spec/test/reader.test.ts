import { describe, expect, it } from "vitest";
import { SpecValidator, assumedParts, deref, listOperations, resolvePointer, type OpenApiDoc } from "../src/index.js";

/** A small spec with the shapes the readers meet: a path item behind a `$ref`, shared parameters, a cycle, a mark. */
const spec: OpenApiDoc = {
  openapi: "3.1.0",
  paths: {
    "/items/{id}": { $ref: "#/components/pathItems/Item" },
  },
  components: {
    pathItems: {
      Item: {
        parameters: [{ $ref: "#/components/parameters/Id" }, { name: "lang", in: "query", schema: { type: "string" } }],
        get: {
          operationId: "getItem",
          parameters: [{ name: "lang", in: "query", required: true, schema: { type: "string", enum: ["sv", "en"] } }],
          responses: { "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } } } },
        },
        trace: { operationId: "traceItem", responses: { "200": { description: "echo" } } },
      },
    },
    parameters: { Id: { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^\\d+$" } } },
    schemas: {
      // A tree: a cycle through $ref.
      Node: { type: "object", required: ["id"], properties: { id: { type: "integer" }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } } },
      Loop: { $ref: "#/components/schemas/Loop" },
      Guess: { type: "string", description: "Assumed: the doc gives no type.", "x-assumed": true },
    },
  },
};

describe("@specyard/spec", () => {
  it("lists operations through a $ref'd path item, trace included, with path-item and operation parameters merged (operation wins)", () => {
    const ops = listOperations(spec);
    expect(ops.map((o) => `${o.method} ${o.path} ${o.operationId}`)).toEqual(["get /items/{id} getItem", "trace /items/{id} traceItem"]);
    const get = ops[0]!;
    expect(get.pointer).toBe("/paths/~1items~1{id}/get");
    expect(get.parameters.map((p) => `${p.definition.in}:${p.definition.name}`)).toEqual(["path:id", "query:lang"]);
    expect(get.parameters.find((p) => p.definition.name === "lang")?.definition.required).toBe(true);
    expect(get.parameters.find((p) => p.definition.name === "id")?.pointer).toBe("/components/parameters/Id");
  });

  it("follows local $refs, and a $ref cycle ends instead of hanging", () => {
    expect(deref(spec, { $ref: "#/components/schemas/Node" }).required).toEqual(["id"]);
    expect(resolvePointer(spec, "/paths/~1items~1{id}/get/operationId")?.node).toBe("getItem");
    const loop = deref(spec, { $ref: "#/components/schemas/Loop" });
    expect(loop).toHaveProperty("$ref");
  });

  it("finds every x-assumed mark", () => {
    expect(assumedParts(spec).map((p) => p.pointer)).toEqual(["/components/schemas/Guess"]);
  });

  it("validates a body against a recursive schema with ajv 2020", () => {
    const v = new SpecValidator(spec);
    expect(v.check("/components/schemas/Node", { id: 1, children: [{ id: 2, children: [] }] })).toBeUndefined();
    expect(v.check("/components/schemas/Node", { id: 1, children: [{ id: "two" }] })).toMatch(/children\/0\/id must be integer/);
    const get = listOperations(spec)[0]!;
    expect(v.responseSchema(get, 200, "application/json")).toEqual({
      declared: true,
      media: "application/json",
      pointer: "/components/pathItems/Item/get/responses/200/content/application~1json/schema",
    });
    expect(v.responseSchema(get, 404, "application/json")).toEqual({ declared: false });
  });
});
