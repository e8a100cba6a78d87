// @ts-check
/**
 * Which calls a spec makes: one per operation, with its arguments (the spec's examples, schema-derived
 * values where it has none or they do not fit, reported as fallbacks), and what the sample reads of the result.
 */
import { deref as derefIn, listOperations } from "@specyard/spec";
import { CLIENTS } from "./clients.mjs";
import { IDENT } from "./print-ts.mjs";
import { exampleOf, fits, objectOf, sample, typesOf } from "./schema-values.mjs";

/**
 * @typedef {Record<string, any>} Json
 * @typedef {{ vendor: string, operation: string, where: string, reason: string }} Fallback
 * @typedef {{
 *   method: string, path: string, operation: string, operationId?: string, summary?: string,
 *   params?: Record<string, Record<string, unknown>>, body?: unknown, upload: boolean,
 *   paged: boolean, download: boolean, read: { item: boolean, expr: string }
 * }} Call
 */

const PREFERRED = ["id", "name", "title", "number", "status", "message"];

/**
 * `.field` (or `?.field`) of an object schema: a required property, the better-known names first.
 * @param {any} schema @param {(n: any) => any} deref
 */
function fieldOf(schema, deref) {
  const o = objectOf(schema, deref);
  if (!o) return undefined;
  const names = Object.keys(o.props).filter((k) => IDENT.test(k));
  const rank = (/** @type {string} */ k) => (o.required.includes(k) ? 0 : 10) + (PREFERRED.includes(k) ? PREFERRED.indexOf(k) : 9);
  const best = names.sort((a, b) => rank(a) - rank(b))[0];
  return best && `${o.nullable ? "?." : "."}${best}`;
}

/**
 * What a sample reads of a JSON value of `schema`: one field of an object, of the first element of an
 * array, or an array's length. Empty when it reads the value itself.
 * @param {any} schema @param {(n: any) => any} deref
 */
function readOf(schema, deref) {
  const s = deref(schema);
  if (typesOf(s).includes("array") && !typesOf(s).includes("null")) {
    const f = fieldOf(s.items, deref);
    return f ? `[0]?${f.replace(/^\??/, "")}` : ".length";
  }
  return fieldOf(s, deref) ?? "";
}

/**
 * One call per operation of a spec: its arguments (examples), whether it is a paged list (a GET with a
 * `page` query parameter, as core's `paginate` types choose, on a client with a pagination scheme),
 * a download (no JSON success body: `parseAs: "arrayBuffer"`) or an upload (`multipart/form-data`:
 * `bodySerializer: formDataBody`), and the expression that reads one field of the result.
 * @param {string} vendor the vendor's name (for fallbacks and the pagination scheme)
 * @param {Json} spec the bundled OpenAPI document
 * @returns {{ calls: Call[], fallbacks: Fallback[] }}
 */
export function operationCalls(vendor, spec) {
  const deref = (/** @type {any} */ node) => derefIn(spec, node);
  const paginates = /** @type {Record<string, { paginates: boolean }>} */ (CLIENTS)[vendor]?.paginates ?? false;
  /** @type {Call[]} */
  const calls = [];
  /** @type {Fallback[]} */
  const fallbacks = [];
  for (const { method, path, definition: op, item, operationId } of listOperations(spec)) {
    const summary = op.summary;
    const operation = `${method.toUpperCase()} ${path}`;
    /** @type {Map<string, any>} */
    const params = new Map();
    for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref)) params.set(`${p.in}:${p.name}`, p);
    /** @type {Record<string, Record<string, unknown>>} */
    const byIn = {};
    for (const p of params.values()) {
      const ex = exampleOf(p) ?? exampleOf(deref(p.schema) ?? {});
      if (!p.required && !ex) continue;
      if (p.in === "cookie" || (p.in === "header" && !p.required)) continue;
      let value = ex?.value;
      if (ex && !fits(value, p.schema, deref)) {
        fallbacks.push({ vendor, operation, where: `${p.in} parameter ${p.name}`, reason: `example ${JSON.stringify(value)} does not fit the schema` });
        if (!p.required) continue;
        value = undefined;
      }
      if (value === undefined) {
        value = sample(p.schema, deref);
        if (!ex) fallbacks.push({ vendor, operation, where: `${p.in} parameter ${p.name}`, reason: "no example: schema-derived value" });
      }
      (byIn[p.in] ??= {})[p.name] = value;
    }
    /** @type {Call} */
    const call = { method, path, operation, operationId, summary, upload: false, paged: false, download: false, read: { item: false, expr: "response.status" } };
    if (Object.keys(byIn).length) call.params = byIn;
    const body = deref(op.requestBody);
    if (body?.content) {
      const types = Object.keys(body.content);
      const type = types.find((t) => /json/.test(t)) ?? types[0] ?? "";
      const media = body.content[type];
      const ex = exampleOf(media);
      let value = ex?.value;
      if (ex && media.schema && !fits(value, media.schema, deref)) {
        fallbacks.push({ vendor, operation, where: `${type} body`, reason: "example does not fit the schema" });
        value = undefined;
      }
      if (value === undefined) {
        value = sample(media.schema, deref, 0, true);
        if (!ex) fallbacks.push({ vendor, operation, where: `${type} body`, reason: "no example: schema-derived value (every property)" });
      }
      if (value !== undefined) call.body = value;
      call.upload = type === "multipart/form-data";
    }
    // The success bodies: every 2xx media type, `undefined` for a 2xx without content.
    const success = Object.entries(op.responses ?? {})
      .filter(([code]) => /^2(\d\d|XX)$/i.test(code))
      .map(([, r]) => deref(r)?.content ?? {});
    const media = success.flatMap((c) => Object.entries(c));
    const json = media.filter(([t]) => /json/i.test(t));
    const empty = success.length === 0 || success.some((c) => Object.keys(c).length === 0);
    call.paged = paginates && method === "get" && params.has("query:page") && json.length > 0 && !empty;
    if (call.paged) {
      const page = deref(json[0]?.[1].schema);
      const items = typesOf(page).includes("array") ? page.items : objectOf(page, deref)?.props.items && deref(objectOf(page, deref)?.props.items).items;
      call.read = { item: true, expr: `item${fieldOf(items, deref) ?? ""}` };
    } else if (!empty && media.length && !json.length) {
      call.download = true;
      call.read.expr = "data.byteLength";
    } else if (!empty && media.length === json.length) {
      // One field every success body has (or the body itself).
      const reads = new Set(json.map(([, m]) => readOf(m.schema, deref)));
      call.read.expr = reads.size === 1 ? `data${[...reads][0]}` : "data";
    }
    calls.push(call);
  }
  return { calls, fallbacks };
}
