// @ts-check
/**
 * Type-checking cost: generates a consumer that calls every operation of all four vendors with real,
 * type-correct arguments (the specs' parameter and request-body examples, schema-derived values
 * where a spec has none), and a consumer that makes one call; type-checks each with
 * `tsc --noEmit --extendedDiagnostics` under `strict` and parses Check time, Instantiations, Memory used.
 * The generated files are build outputs under `bench/.out/typecheck/`.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { deref as derefIn, listOperations } from "@specyard/scripts/lib/openapi.mjs";
import { BENCH_DIR, VENDORS } from "./bundle.mjs";

const run = promisify(execFile);
const require = createRequire(join(BENCH_DIR, "package.json"));
export const OUT_DIR = join(BENCH_DIR, ".out", "typecheck");

/** The four vendor clients (bundle.mjs), built against a loopback base URL. */
const CLIENTS = VENDORS.map((v) => ({ name: v.id, pkg: v.pkg, factory: v.factory, args: v.args("http://127.0.0.1:1") }));

/** A file part (`format: binary` or an untyped file field): rendered as a Blob. */
const BLOB = Symbol("blob");

/**
 * @typedef {Record<string, any>} Json
 * @typedef {{ vendor: string, operation: string, where: string, reason: string }} Fallback
 */

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

/** TypeScript source for a value. @param {any} v @returns {string} */
function render(v) {
  if (v === BLOB) return `new Blob(["bench"])`;
  if (Array.isArray(v)) return `[${v.map(render).join(", ")}]`;
  if (v && typeof v === "object") {
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${render(x)}`)
      .join(", ")} }`;
  }
  return v === undefined ? "undefined" : JSON.stringify(v);
}

/** The first example of a parameter or media type object, if any. @param {any} o */
function exampleOf(o) {
  if (o.example !== undefined) return { value: o.example };
  const first = o.examples && Object.values(o.examples)[0];
  if (first) return { value: first.value ?? first };
  return undefined;
}

/**
 * One call per operation of a spec.
 * @param {string} vendor identifier of the client variable
 * @param {Json} spec the bundled OpenAPI document
 * @returns {{ calls: { operation: string, code: string }[], fallbacks: Fallback[] }}
 */
export function callsFor(vendor, spec) {
  const deref = (/** @type {any} */ node) => derefIn(spec, node);
  /** @type {{ operation: string, code: string }[]} */
  const calls = [];
  /** @type {Fallback[]} */
  const fallbacks = [];
  for (const { method, path, op, item } of listOperations(spec)) {
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
    /** @type {string[]} */
    const init = [];
    if (Object.keys(byIn).length) init.push(`params: ${render(byIn)}`);
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
      if (value !== undefined) init.push(`body: ${render(value)}`);
      if (type === "multipart/form-data") init.push("bodySerializer: formDataBody");
    }
    const args = [JSON.stringify(path), ...(init.length ? [`{ ${init.join(", ")} }`] : [])];
    calls.push({ operation, code: `${vendor}.${method.toUpperCase()}(${args.join(", ")})` });
  }
  return { calls, fallbacks };
}

/** @param {string} pkg */
const specOf = (pkg) => /** @type {Json} */ (JSON.parse(readFileSync(require.resolve(`${pkg}/openapi.json`), "utf8")));

/**
 * The consumers' preamble: the four specyard clients; or (`openapi-fetch`) bare openapi-fetch clients
 * typed by the same generated `paths`, as a baseline for what openapi-fetch's own types cost; or
 * (`floor`) clients whose methods are the least a `client.GET(path, init)` API can be: generic in
 * the path, one lookup in the route table, the init argument not checked at all. The floor is what
 * the call shape itself costs the checker, whatever the types behind it.
 * @param {string} what @param {"specyard" | "openapi-fetch" | "floor"} flavour
 */
const header = (what, flavour) => `// Generated by bench/src/typecheck.mjs: ${what}. A build output; do not edit.
${
  flavour === "specyard"
    ? CLIENTS.map((v) => `import { ${v.factory}${v.name === "twelveBuild" ? ", formDataBody" : ""} } from "${v.pkg}";`).join("\n")
    : [
        ...(flavour === "openapi-fetch" ? [`import createClient from "openapi-fetch";`] : []),
        `import { formDataBody } from "@specyard/12build";`,
        ...CLIENTS.map((v) => `import type { ${flavour === "floor" ? "routes" : "paths"} as ${v.name}${flavour === "floor" ? "Routes" : "Paths"} } from "${v.pkg}";`),
      ].join("\n")
}

/** Keeps results alive so every response type is computed. */
declare function use(...values: unknown[]): void;
${
  flavour === "floor"
    ? `type Floor<T> = <P extends keyof T & string>(url: P, init?: unknown) => Promise<{ data?: T[P] extends { data: infer D } ? D : never; error?: unknown; response: Response }>;
type FloorClient<R> = { [M in keyof R as Uppercase<M & string>]: Floor<R[M]> };
`
    : ""
}
${CLIENTS.map((v) =>
  flavour === "specyard"
    ? `const ${v.name} = ${v.factory}(${v.args});`
    : flavour === "floor"
      ? `declare const ${v.name}: FloorClient<${v.name}Routes>;`
      : `const ${v.name} = createClient<${v.name}Paths>({ baseUrl: "http://127.0.0.1:1" });`,
).join("\n")}
`;

/** The consumers: all operations or one call, through specyard or bare openapi-fetch clients. */
export const CONSUMERS = /** @type {const} */ ({
  all: { file: "all-operations.ts", flavour: "specyard" },
  one: { file: "one-call.ts", flavour: "specyard" },
  bareAll: { file: "openapi-fetch-all-operations.ts", flavour: "openapi-fetch" },
  bareOne: { file: "openapi-fetch-one-call.ts", flavour: "openapi-fetch" },
  floorAll: { file: "floor-all-operations.ts", flavour: "floor" },
});
/** @typedef {keyof typeof CONSUMERS} Consumer */

/**
 * Writes every consumer (`all-operations.ts`: every operation; `one-call.ts`: the same four clients,
 * one call; the same two on bare openapi-fetch clients) and a tsconfig for each.
 * @returns {{ operations: number, perVendor: Record<string, number>, fallbacks: Fallback[] }}
 */
export function generateConsumers() {
  mkdirSync(OUT_DIR, { recursive: true });
  /** @type {Record<string, number>} */
  const perVendor = {};
  /** @type {Fallback[]} */
  const fallbacks = [];
  const lines = [];
  let i = 0;
  for (const v of CLIENTS) {
    const { calls, fallbacks: f } = callsFor(v.name, specOf(v.pkg));
    perVendor[v.pkg] = calls.length;
    fallbacks.push(...f);
    lines.push(`\n  // ${v.pkg}: ${calls.length} operations`);
    for (const c of calls) {
      i++;
      lines.push(`  // ${c.operation}`, `  const r${i} = await ${c.code};`, `  use(r${i}.data, r${i}.error, r${i}.response);`);
    }
  }
  const bodies = {
    all: `export async function allOperations(): Promise<void> {${lines.join("\n")}\n}\n`,
    one: `export async function oneCall(): Promise<void> {
  const r1 = await blikk.GET("/v1/Core/Contacts", { params: { query: { page: 1, pageSize: 25 } } });
  use(r1.data, r1.error, r1.response, endre, twelveBuild, simplo, formDataBody);
}
`,
  };
  for (const [name, c] of Object.entries(CONSUMERS)) {
    const isAll = name !== "one" && name !== "bareOne";
    const what = isAll ? `one call per operation of all four vendors (${i} calls)` : "the same four clients, one call";
    writeFileSync(join(OUT_DIR, c.file), `${header(`${what}, ${c.flavour} clients`, c.flavour)}\n${isAll ? bodies.all : bodies.one}`);
    writeFileSync(
      join(OUT_DIR, `tsconfig.${name}.json`),
      `${JSON.stringify(
        {
          compilerOptions: {
            target: "ES2022",
            lib: ["ES2022", "DOM", "DOM.Iterable"],
            module: "NodeNext",
            moduleResolution: "NodeNext",
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: [c.file],
        },
        null,
        2,
      )}\n`,
    );
  }
  return { operations: i, perVendor, fallbacks };
}

/**
 * `tsc --noEmit --extendedDiagnostics` of one consumer.
 * @param {Consumer} which
 */
export async function checkOnce(which) {
  const tsc = require.resolve("typescript/bin/tsc");
  const project = join(OUT_DIR, `tsconfig.${which}.json`);
  /** @type {string} */
  let out;
  let exitCode = 0;
  try {
    out = (await run(process.execPath, [tsc, "-p", project, "--extendedDiagnostics"], { cwd: OUT_DIR, maxBuffer: 64 << 20 })).stdout;
  } catch (e) {
    const err = /** @type {{ stdout?: string, code?: number }} */ (e);
    out = err.stdout ?? "";
    exitCode = err.code ?? 1;
  }
  const num = (/** @type {string} */ label) => {
    const m = new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(out);
    return m ? Number(m[1]) : NaN;
  };
  const errors = out.split("\n").filter((l) => /error TS\d+/.test(l));
  return {
    checkTimeS: num("Check time"),
    totalTimeS: num("Total time"),
    instantiations: num("Instantiations"),
    types: num("Types"),
    memoryKB: num("Memory used"),
    errors,
    exitCode,
  };
}

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? /** @type {number} */ (s[(s.length - 1) / 2]) : (/** @type {number} */ (s[s.length / 2 - 1]) + /** @type {number} */ (s[s.length / 2])) / 2;
};

/**
 * Generates the consumers and checks each `runs` times, in rotating order (median times reported).
 * @param {{ runs?: number }} [o]
 */
export async function runTypecheck(o = {}) {
  const runs = o.runs ?? 3;
  const gen = generateConsumers();
  /** @type {Consumer[]} */
  const names = ["one", "all", "bareOne", "bareAll", "floorAll"];
  /** @type {Record<Consumer, Awaited<ReturnType<typeof checkOnce>>[]>} */
  const samples = { all: [], one: [], bareAll: [], bareOne: [], floorAll: [] };
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < names.length; k++) {
      const which = /** @type {Consumer} */ (names[(i + k) % names.length]);
      samples[which].push(await checkOnce(which));
    }
  }
  const summarize = (/** @type {Consumer} */ which) => {
    const s = samples[which];
    const first = /** @type {Awaited<ReturnType<typeof checkOnce>>} */ (s[0]);
    return {
      consumer: which,
      client: CONSUMERS[which].flavour,
      calls: which === "one" || which === "bareOne" ? 1 : gen.operations,
      checkTimeS: median(s.map((x) => x.checkTimeS)),
      totalTimeS: median(s.map((x) => x.totalTimeS)),
      instantiations: first.instantiations,
      types: first.types,
      memoryKB: median(s.map((x) => x.memoryKB)),
      checkTimesS: s.map((x) => x.checkTimeS),
      errors: first.errors,
    };
  };
  const all = summarize("all");
  const one = summarize("one");
  const bareAll = summarize("bareAll");
  const bareOne = summarize("bareOne");
  const floorAll = summarize("floorAll");
  const ratio = (/** @type {number} */ a, /** @type {number} */ b) => Math.round((a / b) * 100) / 100;
  return {
    runs,
    operations: gen.operations,
    perVendor: gen.perVendor,
    fallbacks: gen.fallbacks,
    all,
    one,
    openapiFetch: { all: bareAll, one: bareOne, checkTimeRatio: ratio(bareAll.checkTimeS, bareOne.checkTimeS) },
    floor: { all: floorAll, checkTimeRatio: ratio(floorAll.checkTimeS, one.checkTimeS) },
    checkTimeRatio: ratio(all.checkTimeS, one.checkTimeS),
    totalTimeRatio: ratio(all.totalTimeS, one.totalTimeS),
  };
}
