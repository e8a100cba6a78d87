// What the bundled spec says about the doc's wording (issue 14): documented paths, patterns and values kept,
// nothing invented unmarked, every assumption visible as "Assumed:" + x-assumed.
import { fileURLToPath } from "node:url";
import { SpecValidator, assumedParts, listOperations, loadSpec } from "@specyard/contract-harness";
import { describe, expect, it } from "vitest";

const spec = loadSpec(fileURLToPath(new URL("../openapi.json", import.meta.url)));
const validator = new SpecValidator(spec);
const operations = listOperations(spec);
const op = (id: string) => {
  const found = operations.find((o) => o.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
};
type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const components = isJson(spec.components) ? spec.components : {};
/** `#/components/x/y` → the object it names. */
const deref = (node: unknown): Json => {
  if (!isJson(node)) return {};
  if (typeof node.$ref !== "string") return node;
  const [, , kind, name] = node.$ref.split("/");
  const group = kind ? components[kind] : undefined;
  return deref(isJson(group) && name ? group[name] : undefined);
};
const params = (id: string): Json[] => {
  const list = op(id).definition.parameters;
  return Array.isArray(list) ? list.map(deref) : [];
};
const param = (id: string, name: string): Json => {
  const p = params(id).find((x) => x.name === name);
  if (!p) throw new Error(`${id} has no parameter ${name}`);
  return p;
};
const schemaOf = (p: Json): Json => deref(p.schema);
describe("12Build spec: assumptions are marked in the spec", () => {
  it("every operation (inferred method but listPhases', our status codes) carries x-assumed and a description starting 'Assumed:'", () => {
    expect(operations).toHaveLength(64);
    for (const { operationId, definition } of operations) {
      const stated = operationId === "listPhases"; // the doc writes `GET /project/phases/` (line 534)
      expect(definition["x-assumed"], operationId).toBe(true);
      expect(definition["x-method-inferred"], operationId).toBe(stated ? undefined : true);
      expect(String(definition.description), operationId).toMatch(stated ? /^Assumed: the success status/ : /^Assumed: the HTTP method is inferred/);
    }
  });

  it("every x-assumed object says 'Assumed:' first, and the server, error body, encodings and upload body are among them", () => {
    const marked = assumedParts(spec).filter((p) => p.flagged);
    for (const { pointer, described } of marked) expect(described, `${pointer} says "Assumed:" first`).toBe(true);
    const pointers = marked.map((p) => p.pointer);
    for (const p of ["/servers/0", "/components/schemas/Error", "/components/responses/Error", "/components/parameters/StabuChapterIds"]) {
      expect(pointers).toContain(p);
    }
    expect(param("deleteBudgetRows", "budgetRowIds")["x-assumed"]).toBe(true);
    expect(param("updateDocumentGroupWorkCategory", "workCategoryIds")["x-assumed"]).toBe(true);
    expect(param("addBudgetRow", "properties")["x-assumed"]).toBe(true);
    expect(deref(op("addDocumentToDocumentGroup").definition.requestBody)["x-assumed"]).toBe(true);
  });

  it("the server variable has no description of its own (swagger-parser 13 rejects one)", () => {
    const servers = Array.isArray(spec.servers) ? spec.servers : [];
    expect(servers[0]).toMatchObject({ url: "https://{host}", variables: { host: { default: "api.12build.com" } } });
    expect(Object.keys(servers[0].variables.host)).toEqual(["default"]);
  });
});

describe("12Build spec: as the doc has it", () => {
  it("listPhases is /project/phases/ with its trailing slash (l.534)", () => {
    expect(op("listPhases").path).toBe("/project/phases/");
  });

  it("one PHP-safe array encoding: the doc's 'Array' parameters indexed (declared form, x-specyard-query: php-indexed), only its comma-separated lists explode: false", () => {
    const arrays = operations.flatMap((o) =>
      params(o.operationId)
        .filter((p) => p.in === "query" && schemaOf(p).type === "array")
        .map((p) => `${String(p.name)}:${String(p.style)}:${String(p.explode)}:${String(p["x-specyard-query"] ?? "")}`),
    );
    expect([...new Set(arrays)].sort()).toEqual([
      "budgetRowIds:form:true:php-indexed",
      "classificationSystems:form:false:",
      "phase:form:false:",
      "phaseId:form:false:",
      "stabuChapterIds:form:true:php-indexed",
      "workCategoryIds:form:true:php-indexed",
    ]);
  });

  it("the doc's Unicode patterns are kept (l.27, 41, 571, 582, 1008, 1025), registrationNumber stays unanchored (l.991)", () => {
    const name = String.raw`^[\p{L}\p{Nd}\p{Zs}\p{P}\p{Sm}]*$`;
    expect(schemaOf(param("addProject", "name")).pattern).toBe(name);
    expect(schemaOf(param("updateProject", "name")).pattern).toBe(name);
    expect(schemaOf(param("addWorkComponent", "name")).pattern).toBe(name);
    expect(schemaOf(param("updateWorkComponent", "name")).pattern).toBe(name);
    expect(schemaOf(param("addProject", "countryCode")).pattern).toBe(String.raw`^[\p{L}]{2}$`);
    expect(schemaOf(param("createSpecialist", "registrationNumber")).pattern).toBe(String.raw`\d+`);
  });

  it("no invented constraints: open status values (l.34, 1053), no DecimalString pattern", () => {
    expect(schemaOf(param("addProject", "status"))).toEqual({ type: "string" });
    expect(schemaOf(param("addInvitation", "status"))).toEqual({ type: "string" });
    expect(deref({ $ref: "#/components/schemas/DecimalString" }).pattern).toBeUndefined();
  });

  it("every parameter default satisfies its own schema (userActivity's 'default false' is '0')", () => {
    for (const o of operations) {
      for (const p of params(o.operationId)) {
        const s = schemaOf(p);
        if (s.default === undefined) continue;
        if (Array.isArray(s.enum)) expect(s.enum, `${o.operationId} ${String(p.name)}`).toContain(s.default);
      }
    }
    expect(schemaOf(param("getProject", "userActivity")).default).toBe("0");
  });

  it("the comma-separated phase names are deprecated like the other 'use phaseId instead' parameters (l.671, 690)", () => {
    expect(param("closeProjectPhase", "phase").deprecated).toBe(true);
    expect(param("openProjectPhase", "phase").deprecated).toBe(true);
  });

  it("addDocumentToDocumentGroup's upload body is optional: the doc lists no file parameter (l.767-778)", () => {
    expect(deref(op("addDocumentToDocumentGroup").definition.requestBody).required).toBe(false);
  });

  it("budget row properties: documented keys and the examples' `price` typed, other keys still accepted", () => {
    const values = deref({ $ref: "#/components/schemas/BudgetRowValues" });
    const typed = isJson(values.properties) ? Object.keys(values.properties) : [];
    expect(typed).toEqual(expect.arrayContaining(["name", "unit", "numberOfUnits", "pricePerUnit", "totalPrice", "price", "elementType"]));
    expect(typed).toHaveLength(22);
    const pointer = "/components/schemas/BudgetRowValues";
    expect(validator.check(pointer, { price: "150", name: "Some name", somethingNew: "x" })).toBeUndefined();
    expect(validator.check(pointer, { price: 150 })).toBeDefined();
  });
});
