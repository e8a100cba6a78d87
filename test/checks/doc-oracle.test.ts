// The vendors' own docs (../shared/seeds/) as the oracle for the bundled specs: every documented operation,
// parameter, success status and JSON example, read from the doc text by test/src/seed-docs.ts (not from the
// spec), must be in the bundled packages/<vendor>/openapi.json as the doc states it; and the other way round,
// every operation of the spec must be in the doc, and every `required` or closed enum must cite the doc or be
// marked Assumed.
import { describe, expect, it } from "vitest";
import { SEED_DOCS, matchOperations, type DocOperation, type DocParam } from "../src/seed-docs.js";
import { SpecValidator, listOperations, loadSpec, resolvePointer, type OpenApiDoc, type Operation } from "../src/spec.js";
import { vendorBundles } from "../src/vendors.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Properties and required names of an object schema, through `$ref`, `allOf`, `anyOf` and `oneOf`. */
function objectShape(spec: OpenApiDoc, schema: unknown, seen = 0): { properties: Set<string>; required: Set<string> } {
  const shape = { properties: new Set<string>(), required: new Set<string>() };
  if (!isObject(schema) || seen > 20) return shape;
  if (typeof schema.$ref === "string") return objectShape(spec, resolvePointer(spec, schema.$ref.slice(1))?.node, seen + 1);
  if (isObject(schema.properties)) for (const k of Object.keys(schema.properties)) shape.properties.add(k);
  if (Array.isArray(schema.required)) for (const k of schema.required) if (typeof k === "string") shape.required.add(k);
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const parts = schema[key];
    if (!Array.isArray(parts)) continue;
    for (const part of parts) {
      const sub = objectShape(spec, part, seen + 1);
      sub.properties.forEach((k) => shape.properties.add(k));
      if (key === "allOf") sub.required.forEach((k) => shape.required.add(k));
    }
  }
  return shape;
}

/** What is wrong with one documented parameter in the spec's operation, or undefined. */
function paramProblem(spec: OpenApiDoc, op: Operation, p: DocParam): string | undefined {
  if (p.in === "path") return undefined; // the path template itself was matched (names are not on the wire)
  if (p.in === "query") {
    const pathItem = resolvePointer(spec, op.pointer.slice(0, op.pointer.lastIndexOf("/")))?.node;
    const declared = [...(pathItem?.parameters ?? []), ...(op.definition.parameters ?? [])]
      .map((x: unknown) => (isObject(x) && typeof x.$ref === "string" ? resolvePointer(spec, x.$ref.slice(1))?.node : x))
      // `name[]` is PHP's wire form of the same array parameter (12Build's backend).
      .find((x: unknown) => isObject(x) && (x.name === p.name || x.name === `${p.name}[]`) && x.in === "query");
    if (!declared) return `query parameter ${p.name} is not declared`;
    if (p.required !== undefined && Boolean(declared.required) !== p.required) return `query parameter ${p.name}: required is ${Boolean(declared.required)}, the doc says ${p.required}`;
    return undefined;
  }
  const content = resolvePointer(spec, `${op.pointer}/requestBody/content`)?.node;
  if (!isObject(content)) return `body field ${p.name}: the operation has no request body`;
  const shapes = Object.values(content).map((media) => objectShape(spec, isObject(media) ? media.schema : undefined));
  const shape = shapes.find((s) => s.properties.has(p.name));
  if (!shape) return `body field ${p.name} is not in the request body's schema`;
  if (p.required !== undefined && shape.required.has(p.name) !== p.required) return `body field ${p.name}: required is ${shape.required.has(p.name)}, the doc says ${p.required}`;
  return undefined;
}

/**
 * Where a spec names the doc's evidence for a constraint: a doc line (`line 44`, `lines 9-16`, `simplo-projects.txt
 * lines 18-33`) or one of the doc's own object names (`contact.list`, the name Blikk's tables go by).
 */
const CITES_DOC = /\blines? \d+|`[a-z]+(\.[a-z_]+)+`/i;

/**
 * SPEC-GUIDE rules 11-12 at schema level: every `required` list and closed `enum` of the spec stands on the doc
 * or says it does not. It is backed when it, or an object enclosing it (property, schema, parameter, response),
 * carries `x-assumed: true` or a description that cites the doc (`CITES_DOC`). Returns the JSON pointers of the
 * others, with what they constrain. An enum is closed unless it sits beside an open alternative
 * (`anyOf: [{ enum }, { type: string }]`, which the walk reaches as `.../anyOf/0`: still listed, since the enum
 * itself names its values).
 */
function unbackedConstraints(spec: OpenApiDoc): string[] {
  const out: string[] = [];
  const walk = (node: unknown, pointer: string, backed: boolean): void => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${pointer}/${i}`, backed));
    if (!isObject(node)) return;
    const here = backed || node["x-assumed"] === true || (typeof node.description === "string" && CITES_DOC.test(node.description));
    const required = Array.isArray(node.required) && node.required.length > 0;
    const closedEnum = Array.isArray(node.enum) && node.enum.length > 0;
    if (!here && required) out.push(`${pointer}: required ${JSON.stringify(node.required)}`);
    if (!here && closedEnum) out.push(`${pointer}: enum ${JSON.stringify(node.enum)}`);
    for (const [k, v] of Object.entries(node)) if (k !== "examples" && k !== "example") walk(v, `${pointer}/${k}`, here);
  };
  walk(spec.components, "/components", false);
  walk(spec.paths, "/paths", false);
  return out;
}

/**
 * How many operations (one per method) and JSON examples each doc has, counted in the doc text: every line that
 * opens a JSON value, less Blikk's "[Empty]" (twice) and elided "{ …, ... }" (once). Blikk's six sub-object
 * examples count once each (placed in the time report's example).
 */
const READ: Record<string, { operations: number; examples: number }> = {
  endre: { operations: 17, examples: 0 },
  "12build": { operations: 64, examples: 56 },
  blikk: { operations: 45, examples: 51 },
  simplo: { operations: 13, examples: 16 },
};

const successes = (op: Operation) => Object.keys(op.definition.responses ?? {}).filter((s) => /^2\d\d$/.test(s)).map(Number);

for (const { vendor, file } of vendorBundles()) {
  const read = SEED_DOCS[vendor];
  describe(`${vendor}: the bundled spec says what the vendor's doc says`, () => {
    let doc: DocOperation[] = [];
    let readError: unknown;
    try {
      if (!read) throw new Error(`no reader for ${vendor} in test/src/seed-docs.ts`);
      doc = read();
    } catch (err) {
      readError = err;
    }
    it("reads the vendor's doc", () => {
      expect(readError).toBeUndefined();
    });
    const spec = loadSpec(file);
    const ops = listOperations(spec);
    const validator = new SpecValidator(spec);
    const matched = doc.flatMap((d) => matchOperations(d, ops).map((m) => ({ doc: d, ...m })));
    const label = (d: DocOperation, method: string) => `${d.where} ${method.toUpperCase()} ${d.path}${d.name ? ` (${d.name})` : ""}`;

    it("every documented operation, at its path and with its method", () => {
      // The readers' yield, counted by hand in each doc: a reader that loses an operation fails here.
      expect(matched.filter((m) => m.doc.path !== "*").length, "operations (one per method) read from the doc").toBe(READ[vendor]?.operations);
      expect(matched.filter((m) => !m.op).map((m) => `${label(m.doc, m.method)}: not in the spec`)).toEqual([]);
    });

    it("every operation of the spec is in the doc (the spec invents none)", () => {
      const documented = new Set(matched.filter((m) => m.doc.path !== "*").flatMap((m) => (m.op ? [m.op.pointer] : [])));
      expect(ops.filter((op) => !documented.has(op.pointer)).map((op) => `${op.method.toUpperCase()} ${op.path} (${op.operationId}): not in the doc`)).toEqual([]);
    });

    it("every required list and closed enum cites the doc or is marked Assumed", () => {
      expect(unbackedConstraints(spec)).toEqual([]);
    });

    it("every documented parameter, with its location and required flag", () => {
      const problems = matched.flatMap(({ doc: d, method, op }) =>
        op
          ? d.params
              .filter((p) => !p.methods || p.methods.includes(op.method))
              .map((p) => ({ p, problem: paramProblem(spec, op, p) }))
              .filter(({ problem }) => problem)
              .map(({ p, problem }) => `${p.where}: ${method.toUpperCase()} ${d.path} (${op.operationId}): ${problem}`)
          : [],
      );
      expect(problems).toEqual([]);
    });

    it("the documented success status, and no other 2xx", () => {
      const problems: string[] = [];
      for (const { doc: d, method, op } of matched) {
        if (!op || d.success === undefined) continue;
        const declared = successes(op);
        if (declared.join() !== String(d.success)) problems.push(`${label(d, method)}: ${op.operationId} declares ${declared.join(", ") || "no 2xx"}, the doc documents ${d.success}`);
      }
      expect(problems).toEqual([]);
    });

    it("every JSON example in the doc validates against the spec's schema for its operation and status", () => {
      const problems: string[] = [];
      for (const { doc: d, op } of matched) {
        if (!op) {
          problems.push(...d.examples.map((ex) => `${ex.where}: no operation in the spec to check it against`));
          continue;
        }
        for (const ex of d.examples.filter((e) => !e.methods || e.methods.includes(op.method))) {
          let pointer: string | undefined;
          let what: string;
          if (ex.kind === "request") {
            what = "request body";
            pointer = resolvePointer(spec, `${op.pointer}/requestBody/content/application~1json/schema`)?.pointer;
          } else {
            const status = ex.status ?? d.success ?? successes(op).find((s) => validator.responseSchema(op, s, "application/json").pointer);
            what = `${status} response`;
            // An overview example (path "*") is for the operations that declare its status.
            if (d.path === "*" && (status === undefined || !(String(status) in (op.definition.responses ?? {})))) continue;
            pointer = status === undefined ? undefined : validator.responseSchema(op, status, "application/json").pointer;
          }
          if (!pointer) problems.push(`${ex.where}: ${op.operationId} has no JSON schema for the ${what}`);
          else {
            const problem = validator.check(pointer, ex.value);
            if (problem) problems.push(`${ex.where}: ${op.operationId} ${what}: ${problem}`);
          }
        }
      }
      expect(new Set(doc.flatMap((d) => d.examples.map((e) => e.where))).size, "JSON examples read from the doc").toBe(READ[vendor]?.examples);
      expect(problems).toEqual([]);
    });
  });
}
