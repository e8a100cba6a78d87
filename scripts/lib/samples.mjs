// @ts-check
/**
 * Turning an operation into a typed `@specyard/<vendor>` call: the one generator behind the docs' code
 * samples (build-docs.mjs adds them as `x-codeSamples`), the snippet compile test
 * (test/samples.test.ts) and the type-checking benchmark's consumer (bench/src/typecheck.mjs).
 * Arguments are the spec's parameter and request-body examples, schema-derived values where a spec
 * has none or its example does not fit the schema (reported as fallbacks).
 */
import { deref as derefIn, listOperations } from "@specyard/spec";

/**
 * @typedef {Record<string, any>} Json
 * @typedef {{ vendor: string, operation: string, where: string, reason: string }} Fallback
 * @typedef {{
 *   method: string, path: string, operation: string, operationId?: string, summary?: string,
 *   params?: Record<string, Record<string, unknown>>, body?: unknown, upload: boolean,
 *   paged: boolean, download: boolean, read: { item: boolean, expr: string }
 * }} Call
 */

/** A file part (`format: binary` or an untyped file field): rendered as a Blob. */
const BLOB = Symbol("blob");

/**
 * The clients as each package README creates them: factory, variable and options (credentials from
 * environment variables, the names verify reads). `paginates`: the client has a pagination scheme for
 * `paginate()`. `token`: the operation the client calls itself to get its token (a user does not), and
 * a call that shows the exchange working.
 */
export const CLIENTS = {
  endre: {
    pkg: "@specyard/endre",
    factory: "createEndreClient",
    variable: "endre",
    paginates: false,
    options: { username: `process.env.ENDRE_USERNAME ?? ""`, password: `process.env.ENDRE_PASSWORD ?? ""` },
    token: { operation: "POST /token", call: `endre.GET("/v1/projects")` },
  },
  "12build": {
    pkg: "@specyard/12build",
    factory: "create12BuildClient",
    variable: "twelve",
    paginates: true,
    options: { login: `process.env.TWELVEBUILD_LOGIN ?? ""`, apiKey: `process.env.TWELVEBUILD_API_KEY ?? ""` },
    token: { operation: "GET /tokens", call: `twelve.GET("/project/list")` },
  },
  blikk: {
    pkg: "@specyard/blikk",
    factory: "createBlikkClient",
    variable: "blikk",
    paginates: true,
    options: { appId: `process.env.BLIKK_APP_ID ?? ""`, appSecret: `process.env.BLIKK_APP_SECRET ?? ""` },
    token: { operation: "POST /v1/Auth/Token", call: `blikk.GET("/v1/Core/Contacts", { params: { query: { page: 1 } } })` },
  },
  simplo: {
    pkg: "@specyard/simplo",
    factory: "createSimploClient",
    variable: "simplo",
    paginates: true,
    options: { baseUrl: `"https://is.example.com" /* your installation */`, token: `process.env.SIMPLO_TOKEN ?? ""` },
    token: undefined,
  },
};
/** @typedef {keyof typeof CLIENTS} Vendor */

/** @param {any} schema */
const typesOf = (schema) => /** @type {string[]} */ (Array.isArray(schema?.type) ? schema.type : schema?.type ? [schema.type] : []);

/**
 * Whether `value` fits `schema` well enough to be typed by it (types, enums, required and declared properties).
 * @param {any} value @param {any} schema @param {(n: any) => any} deref @returns {boolean}
 */
function fits(value, schema, deref, depth = 0) {
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
function sample(schema, deref, depth = 0, every = false) {
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

const IDENT = /^[A-Za-z_$][\w$]*$/;
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

/** The first example of a parameter or media type object, if any. @param {any} o */
function exampleOf(o) {
  if (o.example !== undefined) return { value: o.example };
  const first = o.examples && Object.values(o.examples)[0];
  if (first) return { value: first.value ?? first };
  return undefined;
}

/** Lines longer than this are broken up: about what Redoc's sample panel shows without scrolling. */
const WIDTH = 64;

/**
 * Object properties of a schema (allOf merged, a `[X, null]` union read as X), or undefined for
 * anything else (an array, a scalar, a union of objects).
 * @param {any} schema @param {(n: any) => any} deref
 * @returns {{ props: Json, required: string[], nullable: boolean } | undefined}
 */
function objectOf(schema, deref) {
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

/**
 * The imports and the client, as the package README creates it.
 * @param {Vendor} vendor @param {boolean} upload whether `formDataBody` is imported too
 */
export function clientLines(vendor, upload) {
  const c = CLIENTS[vendor];
  return [
    `import { ${c.factory}${upload ? ", formDataBody" : ""} } from "${c.pkg}";`,
    "",
    `const ${c.variable} = ${c.factory}({`,
    ...Object.entries(c.options).map(([k, v]) => `  ${k}: ${v},`),
    "});",
  ];
}

/**
 * The typed call and the one field it reads.
 * @param {Vendor} vendor @param {Call} call
 */
export function callLines(vendor, call) {
  const client = CLIENTS[vendor].variable;
  const lines = call.summary ? [`// ${call.summary.replace(/\s+/g, " ").trim()}`] : [];
  const token = CLIENTS[vendor].token;
  if (token?.operation === call.operation) {
    // Called by hand, the token operation would carry the client's own auth (Blikk's takes Basic, Endre's a form).
    lines.push(
      `// ${client} makes this exchange itself (on its first call, before the token expires, once after a 401):`,
      "// you do not call it. Any call shows it working:",
      `const { error, response } = await ${token.call};`,
      `if (error) throw new Error(\`${call.operation} failed: HTTP \${response.status}\`);`,
      "console.log(response.status);",
    );
    return lines;
  }
  if (call.paged) {
    const prefix = "for await (const item of ";
    lines.push(`${prefix}${callExpression(client, call, prefix)}) {`, `  console.log(${call.read.expr});`, "}");
    return lines;
  }
  const prefix = `const { ${call.read.expr.startsWith("data") ? "data, " : ""}error, response } = await `;
  lines.push(
    `${prefix}${callExpression(client, call, prefix)};`,
    `if (error) throw new Error(\`${call.operation} failed: HTTP \${response.status}\`);`,
    `console.log(${call.read.expr});`,
  );
  return lines;
}

/**
 * The sample on an operation's docs page: the client, then the call.
 * @param {Vendor} vendor @param {Call} call
 */
export function codeSample(vendor, call) {
  return [...clientLines(vendor, call.upload), "", ...callLines(vendor, call)].join("\n");
}

/**
 * A copy of a bundled spec with an `x-codeSamples` entry (TypeScript, `@specyard/<vendor>`) on every
 * operation: the spec the docs are rendered from. Unknown vendors get the spec unchanged.
 * @param {string} vendor @param {Json} spec
 */
export function withCodeSamples(vendor, spec) {
  if (!(vendor in CLIENTS)) return spec;
  const v = /** @type {Vendor} */ (vendor);
  const copy = structuredClone(spec);
  const { calls } = operationCalls(v, copy);
  listOperations(copy).forEach(({ definition: op }, i) => {
    const call = /** @type {Call} */ (calls[i]);
    op["x-codeSamples"] = [...(op["x-codeSamples"] ?? []), { lang: "TypeScript", label: CLIENTS[v].pkg, source: codeSample(v, call) }];
  });
  return copy;
}

/**
 * Every sample of a vendor as one module: the client once, then each operation's call lines as a
 * function of `samples`, keyed by operation. The compiler checks them all (samples.test.ts) and the
 * test runs each against the vendor's mock handlers.
 * @param {Vendor} vendor @param {Call[]} calls
 */
export function samplesModule(vendor, calls) {
  const entries = calls.map((c) => [`  ${JSON.stringify(c.operation)}: async () => {`, ...callLines(vendor, c).join("\n").split("\n").map((l) => `    ${l}`), "  },"].join("\n"));
  return [
    `// Generated by scripts/lib/samples.mjs: every docs sample of ${CLIENTS[vendor].pkg}. A build output.`,
    ...clientLines(vendor, calls.some((c) => c.upload)),
    "",
    "export const samples: Record<string, () => Promise<void>> = {",
    ...entries,
    "};",
    "",
  ].join("\n");
}

/**
 * One call expression per operation of a spec (the type-checking benchmark's consumer).
 * @param {string} vendor @param {string} client the client's variable @param {Json} spec
 * @returns {{ calls: { operation: string, code: string }[], fallbacks: Fallback[] }}
 */
export function callsFor(vendor, client, spec) {
  const { calls, fallbacks } = operationCalls(vendor, spec);
  return { calls: calls.map((c) => ({ operation: c.operation, code: callExpression(client, { ...c, paged: false }) })), fallbacks };
}

/**
 * The compiler settings generated consumers are checked with (strict, as a user's project): the docs
 * samples' compile test and the type-checking benchmark.
 * @param {string[]} files @param {Record<string, unknown>} [extra] options on top (e.g. `types`)
 */
export function strictConsumerTsconfig(files, extra = {}) {
  return {
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      ...extra,
    },
    files,
  };
}
