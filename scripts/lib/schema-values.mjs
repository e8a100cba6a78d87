// @ts-check
/**
 * Which value fits a schema: the checks and the schema-derived values behind the docs samples'
 * arguments (operation-calls.mjs). Plain functions of a schema and a `deref` for its `$ref`s.
 */

/** A file part (`format: binary` or an untyped file field): rendered as a Blob. */
export const BLOB = Symbol("blob");

/** @param {any} schema */
export const typesOf = (schema) => /** @type {string[]} */ (Array.isArray(schema?.type) ? schema.type : schema?.type ? [schema.type] : []);

/**
 * Whether `value` fits `schema` well enough to be typed by it (types, enums, required and declared properties).
 * @param {any} value @param {any} schema @param {(n: any) => any} deref @returns {boolean}
 */
export function fits(value, schema, deref, depth = 0) {
  schema = deref(schema);
  if (!schema || depth > 12) return true;
  if (schema.const !== undefined) return value === schema.const;
  if (schema.enum) return schema.enum.includes(value);
  if (schema.allOf) return schema.allOf.every((/** @type {any} */ s) => fits(value, s, deref, depth + 1));
  const alts = schema.oneOf ?? schema.anyOf;
  if (alts && !alts.some((/** @type {any} */ s) => fits(value, s, deref, depth + 1))) return false;
  const types = typesOf(schema);
  if (types.length === 0) return true;
  if (value === null) return types.includes("null");
  if (Array.isArray(value)) return types.includes("array") && value.every((v) => fits(v, schema.items, deref, depth + 1));
  if (typeof value === "object") {
    if (!types.includes("object")) return false;
    const props = schema.properties ?? {};
    for (const r of schema.required ?? []) if (!(r in value)) return false;
    for (const [k, v] of Object.entries(value)) {
      if (props[k]) {
        if (!fits(v, props[k], deref, depth + 1)) return false;
      } else if (schema.additionalProperties === false || (!schema.additionalProperties && Object.keys(props).length > 0)) {
        return false;
      } else if (schema.additionalProperties && typeof schema.additionalProperties === "object" && !fits(v, schema.additionalProperties, deref, depth + 1)) {
        return false;
      }
    }
    return true;
  }
  if (typeof value === "string") return types.includes("string");
  if (typeof value === "number") return types.includes("number") || (types.includes("integer") && Number.isInteger(value));
  if (typeof value === "boolean") return types.includes("boolean");
  return false;
}

/**
 * A value of `schema`: its example, else one built from its type (required properties only, or every
 * property of the top-level object with `every`).
 * @param {any} schema @param {(n: any) => any} deref @param {number} [depth] @param {boolean} [every] @returns {any}
 */
export function sample(schema, deref, depth = 0, every = false) {
  schema = deref(schema);
  if (!schema || depth > 12) return undefined;
  const example = schema.example !== undefined ? schema.example : Array.isArray(schema.examples) ? schema.examples[0] : undefined;
  if (example !== undefined && fits(example, schema, deref)) return example;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum.find((/** @type {unknown} */ v) => v !== null) ?? schema.enum[0];
  if (schema.default !== undefined && fits(schema.default, schema, deref)) return schema.default;
  if (schema.allOf) {
    const parts = schema.allOf.map((/** @type {any} */ s) => sample(s, deref, depth + 1));
    return parts.every((/** @type {any} */ p) => p && typeof p === "object" && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0];
  }
  const alts = schema.oneOf ?? schema.anyOf;
  if (alts) {
    const alt = alts.find((/** @type {any} */ s) => !typesOf(deref(s)).every((t) => t === "null")) ?? alts[0];
    return sample(alt, deref, depth + 1);
  }
  const type = typesOf(schema).find((t) => t !== "null") ?? (schema.properties ? "object" : undefined);
  switch (type) {
    case "object": {
      /** @type {Record<string, unknown>} */
      const out = {};
      for (const k of every ? Object.keys(schema.properties ?? {}) : (schema.required ?? [])) out[k] = sample(schema.properties?.[k], deref, depth + 1) ?? (schema.properties?.[k] ? null : "value");
      return out;
    }
    case "array": {
      const item = sample(schema.items, deref, depth + 1);
      return item === undefined ? [] : [item];
    }
    case "string":
      if (schema.format === "binary" || schema.contentMediaType || schema.contentEncoding === "binary") return BLOB;
      if (schema.format === "date-time") return "2026-01-01T00:00:00Z";
      if (schema.format === "date") return "2026-01-01";
      if (schema.format === "uuid") return "00000000-0000-0000-0000-000000000000";
      if (schema.format === "email") return "user@example.com";
      if (schema.format === "uri") return "https://example.com/";
      return "text";
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return true;
    case undefined:
      // An untyped schema (`unknown` in TypeScript); a file part when it says so.
      return /file|binary|content/i.test(`${schema.format ?? ""} ${schema.description ?? ""}`) ? BLOB : "value";
    default:
      return null;
  }
}

/** The first example of a parameter or media type object, if any. @param {any} o */
export function exampleOf(o) {
  if (o.example !== undefined) return { value: o.example };
  const first = o.examples && Object.values(o.examples)[0];
  if (first) return { value: first.value ?? first };
  return undefined;
}

/**
 * Object properties of a schema (allOf merged, a `[X, null]` union read as X), or undefined for
 * anything else (an array, a scalar, a union of objects).
 * @param {any} schema @param {(n: any) => any} deref
 * @returns {{ props: Record<string, any>, required: string[], nullable: boolean } | undefined}
 */
export function objectOf(schema, deref) {
  schema = deref(schema);
  if (!schema || typeof schema !== "object") return undefined;
  if (schema.allOf) {
    const parts = schema.allOf.map((/** @type {any} */ s) => objectOf(s, deref));
    if (parts.some((/** @type {any} */ p) => !p)) return undefined;
    return { props: Object.assign({}, ...parts.map((/** @type {any} */ p) => p.props)), required: parts.flatMap((/** @type {any} */ p) => p.required), nullable: false };
  }
  const alts = schema.oneOf ?? schema.anyOf;
  if (alts) {
    const real = alts.filter((/** @type {any} */ s) => !typesOf(deref(s)).every((t) => t === "null"));
    const one = real.length === 1 ? objectOf(real[0], deref) : undefined;
    return one && { ...one, nullable: true };
  }
  const types = typesOf(schema);
  if (!(types.includes("object") || (types.length === 0 && schema.properties)) || !schema.properties) return undefined;
  return { props: schema.properties, required: schema.required ?? [], nullable: types.includes("null") };
}
