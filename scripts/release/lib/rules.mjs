// @ts-check
// What one spec change means for the vendor's package: `major`, `minor` or `patch`.
//
// api-smart-diff finds the changes and classifies each from the server's side (breaking,
// non-breaking, deprecated, annotation). An SDK's user sees them from the other side, at the level of
// the generated TypeScript: a response field whose type changes is harmless to a server and breaks
// every caller that reads it. `classify` reads each change through our rules first, one `if` each,
// and keeps the library's verdict only where no rule of ours applies. RELEASING.md lists the rules.
import { deref, isHttpMethod } from "@specyard/spec";

/** @typedef {"none" | "patch" | "minor" | "major"} Level */
/** @typedef {{ action: "add" | "remove" | "replace" | "rename", path: (string | number)[], type: string, description?: string, before?: unknown, after?: unknown }} LibraryDiff */

/** @type {Level[]} */
export const LEVELS = ["none", "patch", "minor", "major"];

/** The higher of two levels. */
export const maxLevel = (/** @type {Level} */ a, /** @type {Level} */ b) => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);

/** The library's verdict, where none of our rules applies. An unclassified change is read as major: the gate never guesses low. */
const LIBRARY_LEVEL = /** @type {Record<string, Level>} */ ({
  breaking: "major",
  "non-breaking": "minor",
  deprecated: "minor",
  annotation: "patch",
  unclassified: "major",
});

/** Keywords that only document: the generated types and the runtime ignore them. */
const ANNOTATIONS = new Set(["description", "summary", "title", "example", "examples", "externalDocs", "$comment", "tags"]);
/** Keywords whose change changes a field's TypeScript type. */
const TYPE_KEYWORDS = new Set(["type", "nullable", "const", "$ref", "items", "prefixItems", "anyOf", "oneOf", "allOf", "not", "additionalProperties"]);
/** The segment after one of these is a name (a property, a media type, a status code), not a keyword.
 *  (An operation's `parameters` is followed by an index, which is skipped anyway.) */
const NAMED = new Set(["properties", "patternProperties", "$defs", "dependentSchemas", "content", "responses", "headers", "encoding", "links", "callbacks", "schemas", "securitySchemes", "parameters", "requestBodies", "variables", "mapping"]);

/**
 * @param {LibraryDiff} diff a change found by api-smart-diff (its `path` runs through resolved `$ref`s)
 * @param {{ before: any, after: any }} docs the two bundled specs
 * @returns {{ level: Level, message: string }}
 */
export function classify(diff, docs) {
  const { action, path } = diff;
  const keywords = keywordsOf(path);
  const where = describe(path);

  // Documentation only: descriptions, summaries, examples and `x-` marks change no type and no request.
  if (keywords.some((k) => ANNOTATIONS.has(k) || k.startsWith("x-")) || path[0] === "info") {
    return { level: "patch", message: `documentation ${verb(action)}: ${where}` };
  }
  // Credentials: a changed scheme or requirement means the client's auth setup no longer fits.
  if (path[0] === "security" || keywords.includes("security") || (path[0] === "components" && path[1] === "securitySchemes")) {
    return { level: "major", message: `auth changed: ${where}` };
  }
  // `components` is exported as a type: a removed schema breaks every import of it. Changes inside a
  // schema are judged where an operation uses it (the library reports them there too).
  if (path[0] === "components") {
    if (path[1] === "schemas" && path.length === 3 && action === "remove") return { level: "major", message: `type components["schemas"]["${path[2]}"] removed` };
    if (path[1] === "schemas" && path.length === 3 && action === "add") return { level: "minor", message: `type components["schemas"]["${path[2]}"] added` };
    return { level: "none", message: `${where} (judged where operations use it)` };
  }
  if (path[0] !== "paths") return fromLibrary(diff, where);

  // (The library reports a path added or removed as each of its operations added or removed.)
  const [, route, method, ...rest] = path;
  const isOperation = isHttpMethod(String(method));
  if (isOperation && rest.length === 0) {
    if (action === "add") return { level: "minor", message: `operation added: ${String(method).toUpperCase()} ${route}` };
    if (action === "remove") return { level: "major", message: `operation removed: ${String(method).toUpperCase()} ${route}` };
  }
  // The mock's typed overrides and the docs are keyed by operationId.
  if (isOperation && rest[0] === "operationId") {
    return action === "add" ? { level: "minor", message: `operationId added: ${diff.after}` } : { level: "major", message: `operationId ${verb(action)}: ${diff.before} → ${diff.after ?? "(none)"}` };
  }

  const side = rest[0] === "responses" ? "response" : rest[0] === "requestBody" || rest[0] === "parameters" || !isOperation ? "request" : "operation";
  const schemaAt = path.lastIndexOf("schema");
  const inSchema = schemaAt > 2;
  const last = keywords.at(-1);
  const fieldName = path.at(-1);

  if (side === "response") {
    const status = String(rest[1] ?? "");
    const isSuccess = /^2/.test(status);
    // A status code added or removed: the success type is a union of the 2xx bodies.
    if (rest.length === 2) {
      if (isSuccess) return { level: "major", message: `success status ${status} ${verb(action)}: ${where}` };
      if (action === "add") return { level: "minor", message: `error response ${status} added: ${where}` };
    }
    if (isSuccess && inSchema) {
      // Fields the user reads: removing one, making it optional or changing its type breaks reading code.
      if (path.at(-2) === "properties" && action === "add") return { level: "minor", message: `response field added: ${where}` };
      if (path.at(-2) === "properties" && action === "remove") return { level: "major", message: `response field removed: ${where}` };
      if (last === "required" && action === "remove") return { level: "major", message: `response field ${diff.before} made optional: ${where}` };
      if (last === "required" && action === "add") return { level: "minor", message: `response field ${diff.after} now always present: ${where}` };
      if (last === "enum" && action === "add" && typeof path.at(-1) === "number" && enumExisted(docs.before, path)) {
        return { level: "minor", message: `new value ${JSON.stringify(diff.after)} in a response enum (an exhaustive switch over it stops compiling): ${where}` };
      }
      if (last === "enum") return { level: "major", message: `response enum ${verb(action)}: ${where}` };
      if (last === "type" && isNullable(diff.after) && !isNullable(diff.before)) return { level: "major", message: `response field made nullable: ${where}` };
      if (last !== undefined && TYPE_KEYWORDS.has(last)) return { level: "major", message: `response type changed (${last}): ${where}` };
    }
  }

  if (side === "request" && (inSchema || rest[0] === "parameters" || !isOperation)) {
    // Fields the user sends: removing one or making it required breaks calls that type-checked before.
    if (inSchema && path.at(-2) === "properties" && action === "add") {
      const required = resolvePath(docs.after, [...path.slice(0, -2), "required"]) ?? [];
      return Array.isArray(required) && required.includes(fieldName)
        ? { level: "major", message: `new required request field: ${where}` }
        : { level: "minor", message: `optional request field added: ${where}` };
    }
    if (inSchema && path.at(-2) === "properties" && action === "remove") return { level: "major", message: `request field removed: ${where}` };
    if (inSchema && last === "required" && action === "add") return { level: "major", message: `request field ${diff.after} made required: ${where}` };
    if (inSchema && last === "required" && action === "remove") return { level: "minor", message: `request field ${diff.before} made optional: ${where}` };
    if (inSchema && last === "enum") {
      const isItem = typeof path.at(-1) === "number";
      if (action === "add" && isItem && enumExisted(docs.before, path)) return { level: "minor", message: `new value ${JSON.stringify(diff.after)} accepted in a request enum: ${where}` };
      if (action === "add") return { level: "major", message: `request type narrowed to an enum: ${where}` };
      if (action === "remove" && isItem && enumExisted(docs.after, path)) return { level: "major", message: `value ${JSON.stringify(diff.before)} no longer accepted: ${where}` };
      if (action === "remove") return { level: "minor", message: `request enum lifted (any value accepted): ${where}` };
    }
    if (inSchema && last === "type") {
      const widened = typeSet(diff.before).every((t) => typeSet(diff.after).includes(t)) && diff.after !== undefined;
      return widened || diff.after === undefined
        ? { level: "minor", message: `request type widened (${typeText(diff.before)} → ${typeText(diff.after)}): ${where}` }
        : { level: "major", message: `request type changed (${typeText(diff.before)} → ${typeText(diff.after)}): ${where}` };
    }
  }
  return fromLibrary(diff, where);
}

/** The library's verdict, with its description. */
function fromLibrary(/** @type {LibraryDiff} */ diff, /** @type {string} */ where) {
  const level = LIBRARY_LEVEL[diff.type] ?? "major";
  const text = (diff.description ?? "").replace(/^\[\w+\]\s*/, "");
  return { level, message: `${text || verb(diff.action)}: ${where}` };
}

/**
 * The keywords along a path, without the names that follow `properties`, `content`, `responses`…
 * and without array indexes: `[…, "properties", "description", "type"]` → `[…, "properties", "type"]`.
 * Everything below an `example`/`examples` keyword is example data.
 * @param {(string | number)[]} path
 * @returns {string[]}
 */
export function keywordsOf(path) {
  /** @type {string[]} */
  const out = [];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (segment === undefined || typeof segment === "number") continue;
    const previous = path[i - 1];
    if (typeof previous === "string" && NAMED.has(previous)) continue;
    if (i === 1 && path[0] === "paths") continue;
    out.push(segment);
    if (segment === "example" || segment === "examples") break;
  }
  return out;
}

/**
 * `path` as it runs through `doc`. The library's paths run through its own normalised schemas: a
 * schema with siblings of a combiner is wrapped as `allOf: [schema]`, so an `allOf`, `0` pair the
 * document does not have is dropped. (`$ref`s are followed, so the result reads through them.)
 */
export function documentPath(/** @type {any} */ doc, /** @type {(string | number)[]} */ path) {
  /** @type {(string | number)[]} */
  const out = [];
  let node = doc;
  for (let i = 0; i < path.length; i++) {
    const segment = /** @type {string | number} */ (path[i]);
    node = deref(doc, node);
    if (segment === "allOf" && path[i + 1] === 0 && node && typeof node === "object" && !("allOf" in node)) {
      i++;
      continue;
    }
    out.push(segment);
    node = node?.[segment];
  }
  return out;
}

/** Follows `path` through `doc`, resolving local `$ref`s at every step. */
export function resolvePath(/** @type {any} */ doc, /** @type {(string | number)[]} */ path) {
  let node = doc;
  for (const segment of documentPath(doc, path)) {
    node = deref(doc, node)?.[segment];
    if (node === undefined) return undefined;
  }
  return deref(doc, node);
}

/** Whether the enum an item was added to (or removed from) exists in `doc`. */
const enumExisted = (/** @type {any} */ doc, /** @type {(string | number)[]} */ path) => Array.isArray(resolvePath(doc, path.slice(0, -1)));

const typeSet = (/** @type {unknown} */ t) => (Array.isArray(t) ? t.map(String) : t === undefined ? [] : [String(t)]);
const typeText = (/** @type {unknown} */ t) => (t === undefined ? "any" : typeSet(t).join(" | "));
const isNullable = (/** @type {unknown} */ t) => typeSet(t).includes("null");
const verb = (/** @type {string} */ action) => ({ add: "added", remove: "removed", replace: "changed", rename: "renamed" })[action] ?? action;

/** A short place name: `GET /v1/projects 200 response .Name` or the JSON pointer outside operations. */
function describe(/** @type {(string | number)[]} */ path) {
  if (path[0] !== "paths" || !isHttpMethod(String(path[2]))) return toPointer(path);
  const [, route, method, ...rest] = path;
  const field = [];
  for (let i = 0; i < rest.length; i++) if (rest[i - 1] === "properties") field.push(rest[i]);
  const part = rest[0] === "responses" ? `${rest[1]} response` : rest[0] === "requestBody" ? "request body" : rest[0] === "parameters" ? "parameter" : String(rest[0] ?? "");
  return `${String(method).toUpperCase()} ${route}${part ? ` ${part}` : ""}${field.length ? ` .${field.join(".")}` : ""}`;
}

/** RFC 6901 JSON pointer. */
export const toPointer = (/** @type {(string | number)[]} */ path) => "/" + path.map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
