// Spec rules from issues 13 and 14, checked on the bundled spec (packages/blikk/openapi.json):
// request inputs are nullable only where a doc request example sends null, response enums are open,
// every list's items are typed, and every assumption is marked in the spec itself.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { assumedParts, loadSpec } from "@specyard/contract-harness";
import { describe, expect, it } from "vitest";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const values = (v: unknown): unknown[] => (isObj(v) ? Object.values(v) : []);
const at = (v: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((node, k) => (isObj(node) ? node[k] : undefined), v);

const spec: unknown = JSON.parse(readFileSync(new URL("../openapi.json", import.meta.url), "utf8"));
const deref = (s: unknown): unknown => {
  let node = s;
  while (isObj(node) && typeof node.$ref === "string") node = at(spec, ...node.$ref.slice(2).split("/"));
  return node;
};
/** A schema and every schema it combines (anyOf/allOf/oneOf), dereferenced. */
const branches = (s: unknown): Obj[] => {
  const node = deref(s);
  return isObj(node) ? [node, ...[...list(node.anyOf), ...list(node.allOf), ...list(node.oneOf)].flatMap(branches)] : [];
};
const allowsNull = (s: unknown) => branches(s).some((b) => b.type === "null" || list(b.type).includes("null"));
const propertiesOf = (s: unknown): [string, unknown][] => branches(s).flatMap((b) => (isObj(b.properties) ? Object.entries(b.properties) : []));
const itemsOf = (s: unknown): unknown => branches(s).find((b) => b.items !== undefined)?.items;

interface Op {
  id: string;
  op: Obj;
}
const operations: Op[] = values(at(spec, "paths")).flatMap((item) =>
  values(item).flatMap((op) => (isObj(op) && typeof op.operationId === "string" ? [{ id: op.operationId, op }] : [])),
);
const mediaTypes = (o: unknown): Obj[] => values(at(deref(o), "content")).filter(isObj);

/** Every property schema reachable from `schema`, with the first path it was reached by. */
function properties(schema: unknown, label: string, out = new Map<unknown, string>(), seen = new Set<unknown>()): Map<unknown, string> {
  const node = deref(schema);
  if (seen.has(node)) return out;
  seen.add(node);
  for (const [name, prop] of propertiesOf(node)) {
    if (!out.has(prop)) out.set(prop, `${label}.${name}`);
    properties(prop, `${label}.${name}`, out, seen);
  }
  const items = itemsOf(node);
  if (items !== undefined) properties(items, `${label}[]`, out, seen);
  return out;
}

/** The property schemas an example value sends `null` for. */
function sentNull(value: unknown, schema: unknown, out: Set<unknown>): Set<unknown> {
  if (Array.isArray(value)) for (const v of value) sentNull(v, itemsOf(schema), out);
  else if (isObj(value)) {
    const props = new Map(propertiesOf(schema));
    for (const [k, v] of Object.entries(value)) {
      const prop = props.get(k);
      if (prop === undefined) continue;
      if (v === null) out.add(prop);
      else sentNull(v, prop, out);
    }
  }
  return out;
}

const requestBodies = operations.flatMap(({ id, op }) => mediaTypes(op.requestBody).map((media) => ({ id, media })));

describe("Blikk spec rules (bundled openapi.json)", () => {
  it("a request-body property is nullable exactly where a doc request example sends null (SPEC-GUIDE G9)", () => {
    const props = new Map<unknown, string>();
    const nulls = new Set<unknown>();
    for (const { id, media } of requestBodies) {
      properties(media.schema, id, props);
      for (const example of values(media.examples)) sentNull(at(example, "value"), media.schema, nulls);
    }
    expect(props.size).toBeGreaterThanOrEqual(109);
    expect(nulls.size).toBe(24);
    const wrong = [...props].filter(([prop]) => allowsNull(prop) !== nulls.has(prop)).map(([, label]) => label);
    expect(wrong).toEqual([]);
  });

  it("every enum in a response body is open (anyOf with a plain string): no guessed value rejects an answer", () => {
    const closed: string[] = [];
    let enums = 0;
    const walk = (schema: unknown, label: string, open: boolean, seen: Set<unknown>) => {
      const node = deref(schema);
      if (!isObj(node) || seen.has(node)) return;
      const inner = new Set(seen).add(node);
      if (Array.isArray(node.enum)) {
        enums += 1;
        if (!open) closed.push(label);
      }
      const anyOf = list(node.anyOf);
      const openHere = anyOf.some((b) => isObj(b) && b.type === "string" && b.enum === undefined);
      for (const b of anyOf) walk(b, label, openHere, inner);
      for (const b of [...list(node.allOf), ...list(node.oneOf)]) walk(b, label, false, inner);
      for (const [name, prop] of Object.entries(isObj(node.properties) ? node.properties : {})) walk(prop, `${label}.${name}`, false, inner);
      if (node.items !== undefined) walk(node.items, `${label}[]`, false, inner);
    };
    for (const { id, op } of operations)
      for (const response of values(op.responses)) for (const media of mediaTypes(response)) walk(media.schema, id, false, new Set());
    expect(enums).toBeGreaterThanOrEqual(6);
    expect(closed).toEqual([]);
  });

  it("each of the 22 lists declares its own required, typed items; the shared PagedList only the counters", () => {
    expect(at(spec, "components", "schemas", "PagedList", "properties", "items")).toBeUndefined();
    const lists = operations.filter(({ op }) => list(op.parameters).some((p) => at(deref(p), "name") === "page"));
    expect(lists).toHaveLength(22);
    for (const { id, op } of lists) {
      const schema = at(mediaTypes(at(op, "responses", "200"))[0], "schema");
      const item = branches(itemsOf(at(branches(schema).find((b) => isObj(at(b, "properties", "items"))), "properties", "items")));
      expect(branches(schema).some((b) => list(b.required).includes("items")), id).toBe(true);
      expect(item[0]?.properties, `${id}: items are objects with properties`).toBeDefined();
    }
  });

  it('every assumption is marked: "Assumed:" descriptions and x-assumed go together, and the upload declares no invented encoding', () => {
    const marked = assumedParts(loadSpec(fileURLToPath(new URL("../openapi.json", import.meta.url))));
    expect(marked.filter((p) => p.flagged !== p.described).map((p) => p.pointer)).toEqual([]);
    // Task opportunity, time report task, user address, user tags, the download's media type.
    expect(marked.length).toBeGreaterThanOrEqual(5);
    expect(at(spec, "paths", "/v1/Core/Tasks/{taskId}/Attachments", "post", "requestBody", "content", "multipart/form-data", "encoding")).toBeUndefined();
  });
});
