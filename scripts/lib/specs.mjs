// Shared by build-docs.mjs, start.mjs and the docs browser test: the list of APIs (redocly.yaml's
// `apis:` section), bundling a spec with the Redocly CLI, and facts read from a bundled spec
// (operations, base URL, a sample call for curl and for the usage example).
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { HTTP_METHODS, deref, listOperations } from "@specyard/spec";

export { HTTP_METHODS, deref, listOperations };

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SITE_DIR = join(ROOT, "site");
/** Written next to the pages by build-docs.mjs; read by start.mjs. */
export const MANIFEST = "specyard.json";

const require = createRequire(import.meta.url);
export const REDOCLY_BIN = join(dirname(require.resolve("@redocly/cli/package.json")), "bin/cli.js");
export const PRISM_BIN = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");


/**
 * The APIs listed in redocly.yaml, in file order.
 * @returns {{ name: string, root: string, file: string }[]} `root` as written, `file` absolute
 */
export function listApis(root = ROOT) {
  const config = parseYaml(readFileSync(join(root, "redocly.yaml"), "utf8")) ?? {};
  return Object.entries(config.apis ?? {}).map(([name, api]) => ({
    name,
    root: api.root,
    file: resolve(root, api.root),
  }));
}

/** Runs the Redocly CLI (from the repo root, or `cwd`, so it finds redocly.yaml); resolves with stdout. */
export function redocly(args, { maxBuffer = 64 * 1024 * 1024, cwd = ROOT } = {}) {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [REDOCLY_BIN, ...args],
      {
        cwd,
        maxBuffer,
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
      },
      (err, stdout, stderr) => {
        if (err) {
          const tail = String(stderr)
            .split("\n")
            .filter((l) => l.trim() && !/[║╔╚]/.test(l))
            .slice(-20)
            .join("\n");
          reject(new Error(`redocly ${args.join(" ")} failed (${err.code ?? err.signal}):\n${tail}`));
        } else resolvePromise(String(stdout));
      },
    );
  });
}

/**
 * The API bundled into one document (all external `$ref`s inlined, local ones kept).
 * @param {string} name an API of redocly.yaml, or a spec file
 * @param {string} [cwd] the folder whose redocly.yaml names the APIs (default: the repo root)
 * @returns {Promise<any>}
 */
export async function bundleApi(name, cwd = ROOT) {
  return JSON.parse(await redocly(["bundle", name, "--ext", "json"], { cwd }));
}

/**
 * Runs `fn` over `items` with at most `limit` running at once; results in input order.
 * @template T, R
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T, index: number) => Promise<R>} fn
 * @returns {Promise<R[]>}
 */
export async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * servers[0] with its variables' defaults filled in.
 * @returns {{ url: string, template: string, description?: string, variables: { name: string, default: string, description?: string, enum?: string[] }[] }}
 */
export function baseUrl(spec) {
  const server = spec.servers?.[0] ?? { url: "/" };
  const variables = Object.entries(server.variables ?? {}).map(([name, v]) => ({
    name,
    default: String(v.default ?? ""),
    description: v.description,
    enum: v.enum,
  }));
  let url = server.url;
  for (const v of variables) url = url.split(`{${v.name}}`).join(v.default);
  return { url: url.replace(/\/+$/, "") || "/", template: server.url, description: server.description, variables };
}

/** A short description of each security scheme of the spec (`name: text`). */
export function describeAuth(spec) {
  const schemes = spec.components?.securitySchemes ?? {};
  const used = new Set((spec.security ?? []).flatMap((r) => Object.keys(r)));
  for (const { definition: op } of listOperations(spec)) for (const r of op.security ?? []) for (const k of Object.keys(r)) used.add(k);
  return [...used].filter((k) => schemes[k]).map((k) => {
    const s = deref(spec, schemes[k]);
    if (s.type === "http") return `HTTP ${s.scheme === "bearer" ? "bearer token" : s.scheme}`;
    if (s.type === "apiKey") return `API key in ${s.in} \`${s.name}\``;
    if (s.type === "oauth2") return `OAuth2 (${Object.keys(s.flows ?? {}).join(", ")} flow)`;
    if (s.type === "openIdConnect") return "OpenID Connect";
    return s.type;
  });
}

/** A dummy value for a parameter (its example, default, enum value or a type-based placeholder). */
function sampleValue(spec, param) {
  const schema = deref(spec, param.schema) ?? {};
  const pick = [param.example, schema.example, schema.examples?.[0], schema.default, schema.enum?.[0]].find((v) => v !== undefined);
  if (pick !== undefined) return pick;
  const exs = Object.values(param.examples ?? {}).map((e) => deref(spec, e)?.value);
  if (exs.length && exs[0] !== undefined) return exs[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "integer" || type === "number") return Math.max(1, schema.minimum ?? 1);
  if (type === "boolean") return true;
  return "example";
}

/**
 * How to authenticate one request to a Prism mock with dummy credentials (Prism only checks that they
 * are present and well-formed). `null` when the operation needs no credentials.
 */
function dummyCredentials(spec, op) {
  const requirements = op.security ?? spec.security ?? [];
  if (!requirements.length || requirements.some((r) => Object.keys(r).length === 0)) return null;
  const schemes = spec.components?.securitySchemes ?? {};
  const options = requirements.map((r) => Object.keys(r).map((k) => ({ key: k, ...deref(spec, schemes[k]) })));
  // Prefer a requirement with one scheme, and bearer-like schemes over the rest.
  const rank = (s) => (s.type === "http" && s.scheme === "bearer") || s.type === "oauth2" || s.type === "openIdConnect" ? 0 : s.type === "apiKey" && s.in === "header" ? 1 : 2;
  options.sort((a, b) => a.length - b.length || rank(a[0]) - rank(b[0]));
  const headers = {};
  const query = {};
  for (const s of options[0]) {
    if (s.type === "http" && s.scheme?.toLowerCase() === "basic") headers.Authorization = `Basic ${Buffer.from("dummy-user:dummy-secret").toString("base64")}`;
    else if (s.type === "http" || s.type === "oauth2" || s.type === "openIdConnect") headers.Authorization = "Bearer dummy-token";
    else if (s.type === "apiKey" && s.in === "header") headers[s.name] = "dummy-token";
    else if (s.type === "apiKey" && s.in === "query") query[s.name] = "dummy-token";
    else if (s.type === "apiKey" && s.in === "cookie") headers.Cookie = `${s.name}=dummy-token`;
  }
  return { headers, query };
}

/**
 * One operation to show off: a GET without path parameters that needs credentials (a list, usually),
 * with every required query parameter filled in.
 * @returns {{ method: string, path: string, operationId?: string, summary?: string, query: Record<string, unknown>, auth: { headers: Record<string, string>, query: Record<string, string> } | null }}
 */
export function sampleOperation(spec) {
  const ops = listOperations(spec);
  // Header credentials (a bearer token, an API key header) make the clearest example; query
  // credentials usually mean a token endpoint.
  const credentialRank = (op) => {
    const c = dummyCredentials(spec, op);
    if (!c) return 4;
    if (Object.keys(c.query).length) return 2;
    return c.headers.Authorization?.startsWith("Bearer") ? 0 : 1;
  };
  const score = ({ method, path, definition: op }) =>
    (method === "get" ? 0 : 100) +
    (path.includes("{") ? 50 : 0) +
    credentialRank(op) * 5 +
    (Object.keys(deref(spec, op.responses ?? {})).some((c) => /^2/.test(c)) ? 0 : 10);
  const best = ops.map((o, i) => ({ o, s: score(o) * 1000 + i })).sort((a, b) => a.s - b.s)[0]?.o;
  if (!best) return null;
  const params = [...(best.item.parameters ?? []), ...(best.definition.parameters ?? [])].map((p) => deref(spec, p));
  const query = {};
  const pathValues = {};
  for (const p of params) {
    if (!p?.required) continue;
    if (p.in === "query") query[p.name] = sampleValue(spec, p);
    if (p.in === "path") pathValues[p.name] = sampleValue(spec, p);
  }
  const path = best.path.replace(/\{([^}]+)\}/g, (m, n) => (n in pathValues ? encodeURIComponent(String(pathValues[n])) : m));
  return {
    method: best.method.toUpperCase(),
    path,
    template: best.path,
    operationId: best.operationId,
    summary: best.definition.summary,
    query,
    auth: dummyCredentials(spec, best.definition),
  };
}

/** A ready-to-paste curl command for `sample` against `base` (e.g. a Prism mock). */
export function curlFor(base, sample) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(sample.query ?? {})) q.append(k, String(v));
  for (const [k, v] of Object.entries(sample.auth?.query ?? {})) q.set(k, v);
  const qs = q.toString();
  const url = `${base.replace(/\/+$/, "")}${sample.path}${qs ? `?${qs}` : ""}`;
  const parts = ["curl", "-s"];
  if (sample.method !== "GET") parts.push("-X", sample.method);
  for (const [k, v] of Object.entries(sample.auth?.headers ?? {})) parts.push("-H", shellQuote(`${k}: ${v}`));
  parts.push(shellQuote(url));
  return parts.join(" ");
}

function shellQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The workspace package built from an API (`"specyard": { "spec": "<name>" }` in its package.json),
 * or null when there is none yet.
 * @returns {{ dir: string, name: string, version: string, indexTs: string | null, bundledSpec: string | null } | null}
 */
export function findVendorPackage(api, root = ROOT) {
  const packagesDir = join(root, "packages");
  if (!existsSync(packagesDir)) return null;
  for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(packagesDir, entry.name);
    const pj = join(dir, "package.json");
    if (!existsSync(pj)) continue;
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(pj, "utf8"));
    } catch {
      continue;
    }
    if (pkg.specyard?.spec !== api) continue;
    const index = join(dir, "src/index.ts");
    const bundled = join(dir, "openapi.json");
    return {
      dir,
      name: pkg.name,
      version: pkg.version,
      indexTs: existsSync(index) ? readFileSync(index, "utf8") : null,
      bundledSpec: existsSync(bundled) ? bundled : null,
    };
  }
  return null;
}
