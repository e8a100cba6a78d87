// The harness's own conformance check can fail: fed answers the spec does not allow, it throws.
import { describe, expect, it } from "vitest";
import { assertConforms, nonConformingAnswer } from "../src/contract.js";
import { SpecValidator, type OpenApiDoc } from "../src/spec.js";

const spec: OpenApiDoc = {
  openapi: "3.1.0",
  info: { title: "assertConforms fixture", version: "1" },
  paths: {
    "/things/{id}": {
      get: {
        operationId: "getThing",
        responses: {
          "200": {
            description: "A thing.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
          },
          "404": { description: "No such thing." },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: { type: "object", required: ["id", "name"], properties: { id: { type: "integer" }, name: { type: "string" } } },
    },
  },
};
const validator = new SpecValidator(spec);
const answer = (status: number, body: unknown) => ({
  data: body,
  response: new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } }),
});

describe("assertConforms", () => {
  it("accepts an answer the spec allows", () => {
    expect(() => assertConforms(validator, "getThing", answer(200, { id: 7, name: "bolt" }))).not.toThrow();
  });

  it("rejects a body of the wrong shape, naming the operation, status and schema", () => {
    expect(() => assertConforms(validator, "getThing", answer(200, { id: "7", name: "bolt" }))).toThrow(
      /GET \/things\/\{id\} → 200 application\/json: body conforms to \/paths\/~1things~1\{id\}\/get\/responses\/200\/content\/application~1json\/schema: expected .body\/id must be integer./,
    );
    expect(() => assertConforms(validator, "getThing", answer(200, { id: 7 }))).toThrow(/body must have required property/);
  });

  it("rejects a status the operation does not declare", () => {
    expect(() => assertConforms(validator, "getThing", answer(201, { id: 7, name: "bolt" }))).toThrow(/→ 201 application\/json: status declared in the spec/);
  });

  it("rejects the deliberately non-conforming answer the vendor suites feed it", () => {
    const bad = nonConformingAnswer(validator);
    expect(bad?.operationId).toBe("getThing");
    expect(() => assertConforms(validator, bad?.operationId ?? "", bad?.result ?? answer(200, null))).toThrow(/body conforms to/);
  });
});
