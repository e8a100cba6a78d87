// @ts-check
// Reading a bundled OpenAPI document: local `$ref`s and the list of operations. Shared by the docs
// build (specs.mjs), the route-table generator (routes.mjs) and the benchmarks (bench/src/typecheck.mjs).

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Follows local `$ref`s (`#/components/...`) until it reaches a plain object.
 * @param {Record<string, any>} spec the bundled document
 * @param {any} node
 * @returns {any}
 */
export function deref(spec, node) {
  for (let hops = 0; node && typeof node === "object" && typeof node.$ref === "string" && hops < 20; hops++) {
    const ref = /** @type {string} */ (node.$ref);
    if (!ref.startsWith("#/")) return node;
    node = ref
      .slice(2)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((/** @type {any} */ n, k) => n?.[k], spec);
  }
  return node;
}

/**
 * Every operation of a bundled spec, in path order.
 * @param {Record<string, any>} spec
 * @returns {{ method: string, path: string, operationId?: string, summary?: string, tags: string[], op: any, item: any }[]}
 */
export function listOperations(spec) {
  const out = [];
  for (const [path, rawItem] of Object.entries(spec.paths ?? {})) {
    const item = deref(spec, rawItem);
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (op) out.push({ method, path, operationId: op.operationId, summary: op.summary, tags: op.tags ?? [], op, item });
    }
  }
  return out;
}
