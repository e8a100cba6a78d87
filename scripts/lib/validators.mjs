// @ts-check
// Response validators for a vendor package's `./validate` entry, generated at build time as ajv
// standalone code: nothing compiles a schema at run time, so validation works where `new Function`
// is forbidden (workerd, strict CSP). One validator per distinct response schema (many statuses share
// one), and a table by operation (`GET /v1/Core/Contacts`, as the client names calls) and declared
// status: `[validator, assumed]`, or `0` for a status that declares no JSON body.
// `assumed` lists the JSON pointers, `*` for any array item or map value, below which the spec marks
// the schema (or the response, or the whole operation) `x-assumed`: a drift there meets a guess.
import { createAjv, deref, esc, isJsonMedia, listOperations, resolvePointer } from "@specyard/spec";
import standaloneModule from "ajv/dist/standalone/index.js";

const standaloneCode = /** @type {typeof import("ajv/dist/standalone/index.js").default} */ (
  /** @type {any} */ (standaloneModule).default ?? standaloneModule
);

/** Keys whose children are names, not keywords: their entries are kept whatever they are called. */
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "schemas", "paths"]);
/** Annotations: they do not change what validates, only the size of the generated code. */
const isAnnotation = (/** @type {string} */ key) => ["description", "title", "summary", "example", "examples", "externalDocs", "deprecated"].includes(key) || key.startsWith("x-");

/** A copy of `node` without annotations. @param {any} node @param {boolean} [names] @returns {any} */
function withoutAnnotations(node, names = false) {
  if (Array.isArray(node)) return node.map((v) => withoutAnnotations(v));
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k]) => names || !isAnnotation(k))
      .map(([k, v]) => [k, withoutAnnotations(v, !names && NAME_MAPS.has(k))]),
  );
}

/**
 * The instance pointers below which the schema is marked `x-assumed` ("" is the whole body). Follows
 * properties, items, additional properties and the combinators; a `$ref` already on the way is not followed again.
 * @param {any} spec @param {any} schema @param {string} at @param {Set<any>} onTheWay @param {Set<string>} out
 */
function assumedBelow(spec, schema, at, onTheWay, out) {
  const node = deref(spec, schema);
  if (!node || typeof node !== "object" || onTheWay.has(node)) return;
  if (schema?.["x-assumed"] === true || node["x-assumed"] === true) return void out.add(at);
  const next = new Set(onTheWay).add(node);
  for (const [name, sub] of Object.entries(node.properties ?? {})) assumedBelow(spec, sub, `${at}/${esc(name)}`, next, out);
  for (const sub of [node.items, node.additionalProperties]) if (sub && typeof sub === "object") assumedBelow(spec, sub, `${at}/*`, next, out);
  for (const sub of [...(node.allOf ?? []), ...(node.anyOf ?? []), ...(node.oneOf ?? [])]) assumedBelow(spec, sub, at, next, out);
}

/**
 * The `src/generated/validators.js` module of a bundled spec.
 * @param {Record<string, any>} spec
 * @param {{ header: string }} options
 */
export function validatorsSource(spec, { header }) {
  const ajv = createAjv(withoutAnnotations(spec), { inlineRefs: false, messages: false, code: { source: true, esm: true, optimize: true } });
  /** Validator names by schema pointer. @type {Map<string, string>} */
  const byPointer = new Map();
  /** @type {string[]} */
  const rows = [];
  for (const op of listOperations(spec)) {
    const opAssumed = op.definition["x-assumed"] === true;
    /** @type {string[]} */
    const statuses = [];
    for (const status of Object.keys(op.definition.responses ?? {})) {
      const response = resolvePointer(spec, `${op.pointer}/responses/${esc(status)}`);
      const content = resolvePointer(spec, `${op.pointer}/responses/${esc(status)}/content`);
      const media = Object.keys(content?.node ?? {}).find(isJsonMedia);
      const schema = media && content && resolvePointer(spec, `${content.pointer}/${esc(media)}/schema`);
      if (!schema || !media || !content) {
        statuses.push(`${JSON.stringify(status)}: 0`);
        continue;
      }
      let name = byPointer.get(schema.pointer);
      if (!name) {
        name = `v${byPointer.size}`;
        byPointer.set(schema.pointer, name);
        ajv.addSchema({ $id: name, $ref: `spec#${schema.pointer}` });
      }
      const assumed = new Set();
      if (opAssumed || response?.node?.["x-assumed"] === true || content.node[media]["x-assumed"] === true) assumed.add("");
      else assumedBelow(spec, resolvePointer(spec, `${content.pointer}/${esc(media)}`)?.node.schema, "", new Set(), assumed);
      statuses.push(`${JSON.stringify(status)}: [${name}, ${JSON.stringify([...assumed])}]`);
    }
    rows.push(`  ${JSON.stringify(`${op.method.toUpperCase()} ${op.path}`)}: { ${statuses.join(", ")} },`);
  }
  const names = Object.fromEntries([...byPointer.values()].map((n) => [n, n]));
  let code = standaloneCode(ajv, names);
  // ajv's one runtime helper the specs need, inlined: string length in code points, as JSON Schema counts.
  code = code.replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, "ucs2length");
  const leftover = /require\("([^"]+)"\)/.exec(code);
  if (leftover) throw new Error(`validators: ajv's standalone code needs ${leftover[1]}; inline it in scripts/lib/validators.mjs`);
  const helper = code.includes("ucs2length") ? "const ucs2length = (s) => [...s].length;\n" : "";
  return `${header}// @ts-nocheck\n${helper}${code.replace(/^"use strict";/, "")}\n\nexport const table = {\n${rows.join("\n")}\n};\n`;
}

/** The declaration file beside it. */
export const validatorsTypes = (/** @type {{ header: string }} */ { header }) =>
  `${header}import type { ResponseTable } from "@specyard/core";\n\nexport declare const table: ResponseTable;\n`;
