// @ts-check
// The changes between two bundled specs of one vendor, each with the level it means for the package.
import { isDeepStrictEqual } from "node:util";
import { apiCompare } from "api-smart-diff";
import { isHttpMethod, listOperations } from "@specyard/spec";
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
  // apiCompare writes into the documents it is given: it gets copies, without the path items that
  // cannot differ (it resolves every $ref of what it is given, which takes seconds on Blikk's spec).
  const [left, right] = withoutUnchangedPaths(before, after);
  for (const diff of withoutNoOps(apiCompare(left, right).diffs)) {
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

/**
 * Copies of both documents without the path items that are equal in both and reach (through
 * `$ref`s) no component that differs.
 */
function withoutUnchangedPaths(/** @type {any} */ before, /** @type {any} */ after) {
  const changed = changedComponents(before, after);
  const left = structuredClone(before);
  const right = structuredClone(after);
  for (const path of Object.keys(left.paths ?? {})) {
    const item = left.paths[path];
    if (isDeepStrictEqual(item, right.paths?.[path]) && ![...refsIn(item)].some((r) => changed.has(r))) {
      delete left.paths[path];
      delete right.paths[path];
    }
  }
  return [left, right];
}

/** The `#/components/<kind>/<name>` refs whose target differs, or reaches one that does. */
function changedComponents(/** @type {any} */ before, /** @type {any} */ after) {
  /** @type {Map<string, Set<string>>} every component of either document → the refs in it */
  const refs = new Map();
  /** @type {Set<string>} */
  const changed = new Set();
  for (const kind of new Set([...Object.keys(before.components ?? {}), ...Object.keys(after.components ?? {})])) {
    const a = before.components?.[kind] ?? {};
    const b = after.components?.[kind] ?? {};
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const ref = `#/components/${kind}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      refs.set(ref, new Set([...refsIn(a[name]), ...refsIn(b[name])]));
      if (!isDeepStrictEqual(a[name], b[name])) changed.add(ref);
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [ref, targets] of refs) {
      if (!changed.has(ref) && [...targets].some((t) => changed.has(t))) {
        changed.add(ref);
        grew = true;
      }
    }
  }
  return changed;
}

/**
 * The library's diffs without remove/add pairs of the same value at the same place: its media-type
 * mapping pairs `*\/*` with another type of the same response (12Build's file download has both),
 * then reports the real `*\/*` as removed and added again.
 * @template {{ action: string, path: (string | number)[], before?: unknown, after?: unknown }} D
 * @param {D[]} diffs
 */
function withoutNoOps(diffs) {
  const key = (/** @type {D} */ d) => JSON.stringify(d.path);
  const added = new Map(diffs.filter((d) => d.action === "add").map((d) => [key(d), d]));
  const noOps = new Set();
  for (const d of diffs) {
    const twin = d.action === "remove" ? added.get(key(d)) : undefined;
    if (twin && isDeepStrictEqual(d.before, twin.after)) noOps.add(d).add(twin);
  }
  return diffs.filter((d) => !noOps.has(d));
}

/** Every local `$ref` string under a node. */
function refsIn(/** @type {unknown} */ node, /** @type {Set<string>} */ out = new Set()) {
  if (Array.isArray(node)) for (const x of node) refsIn(x, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string" && v.startsWith("#/")) out.add(v);
      else refsIn(v, out);
    }
  }
  return out;
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
  return { level: /** @type {Level} */ (changes.length ? "minor" : "patch"), changes };
}

/** The operationId of the operation a change is in, if it is in one. */
function operationIdAt(/** @type {any} */ doc, /** @type {(string | number)[]} */ path) {
  const [root, route, method] = path;
  if (root !== "paths" || route === undefined || method === undefined || !isHttpMethod(String(method))) return undefined;
  return doc?.paths?.[route]?.[method]?.operationId;
}
