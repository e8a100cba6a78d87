// @ts-check
// The changes between two bundled specs of one vendor, each with the level it means for the package.
import { isDeepStrictEqual } from "node:util";
import { apiCompare } from "api-smart-diff";
import { HTTP_METHODS, listOperations } from "../../lib/openapi.mjs";
import { classify, documentPath, maxLevel, toPointer } from "./rules.mjs";

/** @typedef {import("./rules.mjs").Level} Level */
/** @typedef {{ level: Exclude<Level, "none">, operationId?: string, pointer: string, message: string }} Change */
/** @typedef {{ level: Level, changes: Change[] }} SpecDiff */

/**
 * @param {any} before the spec of the last release, or null before the first release
 * @param {any} after the spec to release
 * @returns {SpecDiff}
 */
export function specDiff(before, after) {
  if (before === null) return firstRelease(after);
  if (isDeepStrictEqual(before, after)) return { level: "none", changes: [] };
  const docs = { before, after };
  /** @type {Change[]} */
  const changes = [];
  // apiCompare writes into the documents it is given: it gets copies.
  for (const diff of apiCompare(structuredClone(before), structuredClone(after)).diffs) {
    const { level, message } = classify(/** @type {any} */ (diff), docs);
    if (level === "none") continue;
    const doc = diff.action === "remove" ? before : after;
    const operationId = operationIdAt(doc, diff.path);
    changes.push({ level, ...(operationId ? { operationId } : {}), pointer: toPointer(documentPath(doc, diff.path)), message });
  }
  // Two different documents always differ somewhere: key order or formatting alone still ships a new openapi.json.
  if (changes.length === 0) changes.push({ level: "patch", pointer: "", message: "openapi.json changed without an API change (formatting or key order)" });
  return { level: changes.reduce((/** @type {Level} */ l, c) => maxLevel(l, c.level), "none"), changes };
}

/** Nothing was released yet: every operation is new. */
function firstRelease(/** @type {any} */ after) {
  /** @type {Change[]} */
  const changes = listOperations(after).map(({ method, path, operationId }) => ({
    level: "minor",
    ...(operationId ? { operationId } : {}),
    pointer: toPointer(["paths", path, method]),
    message: `operation added: ${method.toUpperCase()} ${path} (first release)`,
  }));
  return { level: changes.length ? "minor" : "patch", changes };
}

/** The operationId of the operation a change is in, if it is in one. */
function operationIdAt(/** @type {any} */ doc, /** @type {(string | number)[]} */ path) {
  const [root, route, method] = path;
  if (root !== "paths" || !HTTP_METHODS.includes(String(method))) return undefined;
  return doc?.paths?.[route]?.[method]?.operationId;
}
