// @ts-check
/**
 * How a call is printed as TypeScript: values as literals, and `client.GET("/path", { … })` broken
 * into lines where the docs' sample panel would scroll.
 */
import { BLOB } from "./schema-values.mjs";

/** @typedef {import("./operation-calls.mjs").Call} Call */

export const IDENT = /^[A-Za-z_$][\w$]*$/;
const key = (/** @type {string} */ k) => (IDENT.test(k) ? k : JSON.stringify(k));

/**
 * TypeScript source for a value: on one line when it fits in `width`, else one entry per line.
 * @param {any} v @param {string} [indent] @param {number} [width] @returns {string}
 */
export function render(v, indent = "", width = Infinity) {
  if (v === BLOB) return `new Blob(["file contents"])`;
  if (v === undefined) return "undefined";
  if (!v || typeof v !== "object") return JSON.stringify(v);
  const inner = `${indent}  `;
  const entries = Array.isArray(v) ? v.map((x) => render(x, inner, width)) : Object.entries(v).map(([k, x]) => `${key(k)}: ${render(x, inner, width)}`);
  const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{ ", " }"];
  const flat = entries.length ? `${open}${entries.join(", ")}${close}` : Array.isArray(v) ? "[]" : "{}";
  if (indent.length + flat.length <= width || !entries.length) return flat;
  return `${open.trim()}\n${entries.map((e) => `${inner}${e},`).join("\n")}\n${indent}${close.trim()}`;
}

/** Lines longer than this are broken up: about what Redoc's sample panel shows without scrolling. */
export const WIDTH = 64;

/**
 * The call's init argument, one entry a line when `indent` is given and it is long.
 * @param {Call} call @param {string} [indent]
 */
function initEntries(call, indent = "  ") {
  /** @type {string[]} */
  const out = [];
  // A paged list: the paginator sets the page number.
  const { page, ...query } = /** @type {Record<string, unknown>} */ (call.params?.query ?? {});
  const params = call.paged && call.params ? Object.fromEntries(Object.entries({ ...call.params, query }).filter(([, v]) => Object.keys(v).length)) : call.params;
  if (params && Object.keys(params).length) out.push(`params: ${render(params, indent, WIDTH)}`);
  if (!call.paged && call.body !== undefined) out.push(`body: ${render(call.body, indent, WIDTH)}`);
  if (!call.paged && call.upload) out.push("bodySerializer: formDataBody");
  if (call.download) out.push(`parseAs: "arrayBuffer"`);
  return out;
}

/**
 * `client.GET("/path", { params, body, ... })` (or `client.paginate(...)` for a paged list), on one line
 * when it fits after `prefix`.
 * @param {string} client @param {Call} call @param {string} [prefix]
 */
export function callExpression(client, call, prefix = "") {
  const head = `${client}.${call.paged ? "paginate" : call.method.toUpperCase()}(${JSON.stringify(call.path)}`;
  const entries = initEntries(call);
  if (!entries.length) return `${head})`;
  const flat = `${head}, { ${entries.join(", ")} })`;
  if (prefix.length + flat.length <= WIDTH && !flat.includes("\n")) return flat;
  return `${head}, {\n${entries.map((e) => `  ${e},`).join("\n")}\n})`;
}
