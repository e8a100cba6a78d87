// @ts-check
/**
 * The route table of a vendor package (`src/generated/routes.ts`): for every operation, keyed by HTTP
 * method and path, its call input (`params` and `body`, required or optional as the spec says), whether
 * that input is required, and its success and error bodies, all as plain indexed accesses into
 * openapi-typescript's `operations`. `@specyard/core` types each client method by one lookup in this
 * table, so type-checking a call costs an index access and an assignability check instead of
 * openapi-fetch's conditional types evaluated per call (bench: type-checking cost).
 *
 * Two rules widen the spec's types here, and only here:
 * - Liberal inputs. A path or query parameter that is a string of digits on the wire also accepts a
 *   number, since both serialize to the same text: a `type: string` whose `pattern` admits only digits
 *   (`^\d+$`, `^[0-9]+$`, `^[1-9][0-9]*$`, `^[0-9]{10}$`) accepts `number`, and a string `enum` whose values
 *   are all integers (`["0", "1"]`) accepts those numbers (`0 | 1`); arrays of either accept them
 *   per element. The table writes `LiberalParams<parameters, { path: { id: number } }>`. Responses
 *   stay exactly what the spec says.
 * - Errors are truthy objects. `error` is `ErrorResult<declared error bodies>` (see @specyard/core
 *   types.ts): an answer without a usable body is a `RawErrorBody`, never `undefined`, so `if (error)`
 *   narrows `data` for every operation.
 */

import { HTTP_METHODS, deref as derefIn, listOperations } from "@specyard/spec";

/**
 * @typedef {Record<string, any>} Json
 */

/** A TypeScript string literal. @param {string} s */
const lit = (s) => JSON.stringify(s);

/**
 * Union of `prefix["content"][media]` over every media type of each response matched by `codes`;
 * `undefined` for a matched response without content (204, or a body the spec does not describe:
 * openapi-fetch yields `undefined` for an empty body), as openapi-fetch's own types have it.
 * @param {string} responses `operations["op"]["responses"]`
 * @param {Json} byCode the operation's responses object
 * @param {(code: string) => boolean} match
 * @param {(node: any) => any} deref
 */
function bodies(responses, byCode, match, deref) {
  /** @type {Set<string>} */
  const out = new Set();
  for (const [code, raw] of Object.entries(byCode ?? {})) {
    if (!match(code)) continue;
    const content = deref(raw)?.content;
    const key = /^\d+$/.test(code) ? code : lit(code);
    const types = Object.keys(content ?? {});
    if (types.length === 0) out.add("undefined");
    for (const t of types) out.add(`${responses}[${key}]["content"][${lit(t)}]`);
  }
  return [...out];
}

/**
 * Patterns that admit only digit strings: digits, `\d` and digit classes (`[0-9]`, `[1-9]`), quantified,
 * optionally grouped in alternatives: `^\d+$`, `^[0-9]{10}$`, `^[1-9][0-9]*$`, `^(2[0-3]|1[0-9]|[1-9])$`.
 */
const DIGIT = String.raw`(\\d|\[(\d-\d|\d)+\]|\d)([+*?]|\{\d+(,\d*)?\})?`;
const DIGITS_ONLY = new RegExp(String.raw`^\^(${DIGIT}|\((${DIGIT})+(\|(${DIGIT})+)*\))+\$$`);

/**
 * What a parameter's schema accepts besides the spec's strings (the liberal-input rule above), as a
 * TypeScript type: `number`, number literals (`0 | 1`), either in a one-element tuple for an array
 * (`[number]`: each element), or undefined when the parameter stays as it is.
 * @param {Json | undefined} schema
 * @param {(node: any) => any} deref
 * @returns {string | undefined}
 */
function numericForm(schema, deref) {
  const s = deref(schema);
  if (!s || typeof s !== "object") return undefined;
  if (s.type === "array") {
    const item = numericForm(s.items, deref);
    return item && !item.startsWith("[") ? `[${item}]` : undefined;
  }
  if (s.type !== "string") return undefined;
  const values = s.enum ?? (s.const === undefined ? undefined : [s.const]);
  if (Array.isArray(values)) {
    return values.length && values.every((v) => typeof v === "string" && /^-?\d+$/.test(v) && String(Number(v)) === v) ? values.join(" | ") : undefined;
  }
  return typeof s.pattern === "string" && DIGITS_ONLY.test(s.pattern) ? "number" : undefined;
}

/**
 * TypeScript source of the route table for a bundled OpenAPI document.
 * @param {Json} spec
 * @param {{ header?: string, schemaModule?: string }} [o]
 * @returns {string}
 */
export function routesSource(spec, o = {}) {
  const deref = (/** @type {any} */ node) => derefIn(spec, node);
  /** @type {Map<string, string[]>} */
  const byMethod = new Map();
  for (const { method, path, definition: op, item } of listOperations(spec)) {
    const id = op.operationId;
    if (typeof id !== "string" || !id) throw new Error(`routes: ${method.toUpperCase()} ${path} has no operationId`);
    const ref = `operations[${lit(id)}]`;
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
    const paramsRequired = params.some((p) => p?.in === "path" || p?.required === true);
    /** @type {Map<string, string[]>} location → `name: numeric form` */
    const liberal = new Map();
    for (const p of params) {
      const form = (p?.in === "path" || p?.in === "query") && numericForm(p.schema, deref);
      if (form) liberal.set(p.in, [...(liberal.get(p.in) ?? []), `${lit(p.name)}: ${form}`]);
    }
    const paramsType = liberal.size
      ? `LiberalParams<${ref}["parameters"], { ${[...liberal].map(([at, fields]) => `${at}: { ${fields.join("; ")} }`).join("; ")} }>`
      : `${ref}["parameters"]`;
    const input = [`params${paramsRequired ? "" : "?"}: ${paramsType}`];
    const requestBody = deref(op.requestBody);
    const bodyRequired = requestBody?.required === true;
    const mediaTypes = Object.keys(requestBody?.content ?? {});
    if (mediaTypes.length === 0) input.push("body?: never");
    else {
      const content = `NonNullable<${ref}["requestBody"]>["content"]`;
      input.push(`body${bodyRequired ? "" : "?"}: ${mediaTypes.map((t) => `${content}[${lit(t)}]`).join(" | ")}`);
    }
    const responses = `${ref}["responses"]`;
    const data = bodies(responses, op.responses, (c) => /^2(\d\d|XX)$/i.test(c), deref);
    const error = bodies(responses, op.responses, (c) => /^([45](\d\d|XX)|default)$/i.test(c), deref);
    const lines = byMethod.get(method) ?? [];
    lines.push(
      `    /** \`${id}\` */`,
      `    ${lit(path)}: {`,
      `      input: { ${input.join("; ")} };`,
      `      required: ${paramsRequired || bodyRequired};`,
      `      data: ${data.length ? data.join(" | ") : "undefined"};`,
      `      error: ErrorResult<${error.length ? error.join(" | ") : "unknown"}>;`,
      `    };`,
    );
    byMethod.set(method, lines);
  }
  const tables = HTTP_METHODS.filter((m) => byMethod.has(m)).map((m) => `  ${m}: {\n${(byMethod.get(m) ?? []).join("\n")}\n  };`);
  return `${o.header ?? ""}import type { ErrorResult, LiberalParams } from "@specyard/core";
import type { operations } from ${lit(o.schemaModule ?? "./schema.js")};

/**
 * Every operation by method and path: its input, whether the input is required, its success and error
 * bodies. Digit-string parameters also accept numbers; \`error\` is never undefined (scripts/lib/routes.mjs).
 */
export interface routes {
${tables.join("\n")}
}
`;
}

/**
 * TypeScript source of `maxPageSize`: for the GET operations with a `page` query parameter, the
 * `maximum` the spec documents for their other integer query parameters (the page size, e.g. Blikk's
 * `pageSize` 1-100), by path and parameter name. `paginate()` sends it when the caller gives no page
 * size; operations whose spec documents no maximum are left out (the server's default applies). When
 * every paged operation documents the same maxima, one entry `"*"` stands for all of them (Blikk: 1
 * entry instead of 22, which keeps the bundle small).
 * @param {Json} spec
 * @returns {string}
 */
export function maxPageSizeSource(spec) {
  const deref = (/** @type {any} */ node) => derefIn(spec, node);
  /** @type {[string, string][]} path, `{ name: maximum, ... }` */
  const paged = [];
  for (const { method, path, definition: op, item } of listOperations(spec)) {
    if (method !== "get") continue;
    const query = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref).filter((p) => p?.in === "query");
    if (!query.some((p) => p.name === "page")) continue;
    const maxima = query
      .filter((p) => p.name !== "page" && typeof deref(p.schema)?.maximum === "number")
      .map((p) => `${lit(p.name)}: ${deref(p.schema).maximum}`);
    paged.push([path, `{ ${maxima.join(", ")} }`]);
  }
  const uniform = paged.length > 0 && paged.every(([, m]) => m === paged[0]?.[1]);
  const entries = uniform ? [["*", paged[0]?.[1]]] : paged;
  const lines = entries.filter(([, m]) => m !== "{  }").map(([path, m]) => `  ${lit(String(path))}: ${m},`);
  return `
/** The largest page size the spec documents, by GET path (\`"*"\`: every paged operation) and query parameter (for \`paginate()\`). */
export const maxPageSize: Record<string, Record<string, number>> = {${lines.length ? `\n${lines.join("\n")}\n` : ""}};
`;
}

/**
 * TypeScript source of `security`: each operation's effective security (its own `security`, else the
 * root one) by `METHOD /path`, as the alternatives it accepts, each the names of the schemes it needs
 * joined by a space (`""`: the alternative that needs none). Core sends the client's credentials to
 * an operation only when an alternative names the client's scheme, and without them when an
 * alternative is `""` and the client has none (`[{ bearerAuth: [] }, {}]`: optional). The requirement
 * most operations share is written once as `"*"` (Blikk: 2 entries instead of 45).
 * @param {Json} spec
 * @returns {string}
 */
export function securitySource(spec) {
  /** @type {[string, string][]} `METHOD /path`, the alternatives as TypeScript */
  const all = listOperations(spec).map(({ method, path, definition: op }) => {
    /** @type {Json[]} */
    const requirement = op.security ?? spec.security ?? [];
    return [`${method.toUpperCase()} ${path}`, `[${requirement.map((alt) => lit(Object.keys(alt).join(" "))).join(", ")}]`];
  });
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const [, alts] of all) counts.set(alts, (counts.get(alts) ?? 0) + 1);
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "[]";
  const lines = [`  "*": ${common},`, ...all.filter(([, alts]) => alts !== common).map(([key, alts]) => `  ${lit(key)}: ${alts},`)];
  return `
/** The security schemes each operation accepts, by \`METHOD /path\` (\`"*"\`: every other operation); \`""\`: no credentials. */
export const security: Record<string, readonly string[]> = {
${lines.join("\n")}
};
`;
}

/**
 * TypeScript source of `queryArrays`, the options of core's `styledQuerySerializer` as the spec declares
 * them: `commaSeparated`, the array query parameters with `style: form, explode: false` (`phase=a,b`);
 * `indexedArrays`, those marked `x-specyard-query: php-indexed` (`ids[0]=1&ids[1]=2`, PHP's array form,
 * which OpenAPI has no style for: the spec declares `style: form, explode: true` for other generators).
 * @param {Json} spec
 * @returns {string}
 */
export function queryArraysSource(spec) {
  const deref = (/** @type {any} */ node) => derefIn(spec, node);
  /** @type {{ commaSeparated: Set<string>, indexedArrays: Set<string> }} */
  const names = { commaSeparated: new Set(), indexedArrays: new Set() };
  for (const { definition: op, item } of listOperations(spec)) {
    for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref)) {
      if (p?.in !== "query" || deref(p.schema)?.type !== "array") continue;
      if (p["x-specyard-query"] === "php-indexed") names.indexedArrays.add(p.name);
      else if (p.explode === false) names.commaSeparated.add(p.name);
    }
  }
  const list = (/** @type {Set<string>} */ s) => `[${[...s].sort().map(lit).join(", ")}]`;
  return `
/** How array query parameters go out (core's \`styledQuerySerializer\`): comma-separated, or indexed (\`x-specyard-query: php-indexed\`). */
export const queryArrays = { commaSeparated: ${list(names.commaSeparated)}, indexedArrays: ${list(names.indexedArrays)} } as const;
`;
}

/**
 * TypeScript source of `secretParams`: for every operation, the parameters (`query.hash`) and top-level
 * body fields (`body.hash`) whose schema the spec marks `format: password` (OpenAPI's mark for a value to
 * hide), by `METHOD /path`. A client makes their values secrets of the call: masked in its errors and
 * logs, and never re-sent to another origin (Simplo's report hash). Operations without one are left out.
 * @param {Json} spec
 * @returns {string}
 */
export function secretParamsSource(spec) {
  const deref = (/** @type {any} */ node) => derefIn(spec, node);
  const isSecret = (/** @type {any} */ schema) => deref(schema)?.format === "password";
  const lines = [];
  for (const { method, path, definition: op, item } of listOperations(spec)) {
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
    const marked = params.filter((p) => p && isSecret(p.schema)).map((p) => `${p.in}.${p.name}`);
    for (const media of Object.values(deref(op.requestBody)?.content ?? {})) {
      for (const [name, schema] of Object.entries(deref(/** @type {any} */ (media).schema)?.properties ?? {})) if (isSecret(schema)) marked.push(`body.${name}`);
    }
    const unique = [...new Set(marked)];
    if (unique.length) lines.push(`  ${lit(`${method.toUpperCase()} ${path}`)}: [${unique.map(lit).join(", ")}],`);
  }
  return `
/** Parameters and body fields the spec marks as credentials (\`format: password\`), by operation: secrets of each call that sends them. */
export const secretParams: Record<string, string[]> = {${lines.length ? `\n${lines.join("\n")}\n` : ""}};
`;
}

/**
 * TypeScript source of `emptySuccess`: the operations with a success response that has no content (204, or a
 * 200 the spec describes without a body), as `METHOD /path`. A throwing client turns an empty success of any
 * other operation into an `InvalidResponseError`, so that `data` is there whenever its type says so.
 * @param {Json} spec
 * @returns {string}
 */
export function emptySuccessSource(spec) {
  const deref = (/** @type {any} */ node) => derefIn(spec, node);
  const empty = listOperations(spec)
    .filter(({ definition: op }) => Object.entries(op.responses ?? {}).some(([code, raw]) => /^2(\d\d|XX)$/i.test(code) && !Object.keys(deref(raw)?.content ?? {}).length))
    .map(({ method, path }) => `  ${lit(`${method.toUpperCase()} ${path}`)},`);
  return `
/** Operations whose spec declares a success without content (a throwing client refuses an empty success of any other). */
export const emptySuccess: readonly string[] = [${empty.length ? `\n${empty.join("\n")}\n` : ""}];
`;
}

/**
 * TypeScript source of `src/generated/operations.ts`: every operationId by `METHOD /path`. A vendor
 * package loads it with `import()` only when a client is given a `tracer` (its spans' `specyard.operation`),
 * so bundles that do not trace need not carry it.
 * @param {Json} spec
 * @param {{ header?: string }} [o]
 * @returns {string}
 */
export function operationIdsSource(spec, o = {}) {
  const lines = listOperations(spec).map(({ method, path, operationId }) => `  ${lit(`${method.toUpperCase()} ${path}`)}: ${lit(operationId)},`);
  return `${o.header ?? ""}/** Every operationId by \`METHOD /path\` (scripts/lib/routes.mjs). */
export const operationIds: Record<string, string> = {
${lines.join("\n")}
};
`;
}
