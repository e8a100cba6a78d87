// @ts-check
/**
 * A vendor as data: the `"specyard"` block of `packages/<vendor>/package.json`, the one place that says
 * what differs between vendor clients (CONTRIBUTING.md, "A vendor as data"). This module checks a block
 * and answers what the tools ask of it; vendor-source.mjs writes the client from it, samples.mjs the
 * docs samples, and @specyard/verify reads the environment variable names from the installed package.json.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

/**
 * @typedef {{ doc?: string | string[], env?: string, secret?: boolean }} Credential
 * @typedef {{
 *   strategy: keyof typeof STRATEGIES, scheme: string, with?: Record<string, unknown>,
 *   in?: "header" | "query", name?: string, optional?: string, missing?: string, doc?: string[]
 * }} AuthData
 * @typedef {{ default?: string, doc?: string, required?: string, env?: string, example?: string }} BaseUrl
 * @typedef {{ limit: number, windowMs: number, why?: string, doc?: string[], keyBy?: string[] }} RateLimitData
 * @typedef {{
 *   factory?: string, doc?: string[], credentials?: Record<string, Credential>, baseUrl: BaseUrl, auth?: AuthData,
 *   rateLimit?: RateLimitData, pagination?: string, querySerializer?: "styledQuerySerializer" | Record<string, unknown>,
 *   validationMessage?: string, bodyWait?: string, sample?: { variable?: string, tokenCall?: string }
 * }} Client
 * @typedef {{ spec: string, prefix?: string, title?: string, errorGuard?: string, errorBodies?: string, client?: Client }} Block
 */

/** `TwelveBuild` → `TWELVE_BUILD`. @param {string} prefix */
const screaming = (prefix) => prefix.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

/** The credential option names, in the order the options list them. @param {Client} c */
export const credentialNames = (c) => Object.keys(c.credentials ?? {});

/** An auth's `with` as object entries: `tokenPath: "/tokens", …`. @param {AuthData} auth */
const withEntries = (auth) => Object.entries(auth.with ?? {}).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);

/** The credentials marked `"secret": true` (masked everywhere, never part of a limiter key). @param {Client} c */
const secretNames = (c) => credentialNames(c).filter((n) => c.credentials?.[n]?.secret);

/**
 * The auth strategies of @specyard/core a block may name: how the factory calls each with the
 * credentials (`call`), and the request the client sends itself to get a token (`tokenOperation`).
 * @type {Record<string, { call: (auth: AuthData, c: Client) => string, tokenOperation?: (auth: AuthData) => string }>}
 */
export const STRATEGIES = {
  oauth2PasswordGrant: {
    call: (a, c) => `oauth2PasswordGrant({ ${[...credentialNames(c), ...withEntries(a)].join(", ")} })`,
    tokenOperation: (a) => `POST ${a.with?.tokenPath}`,
  },
  basicTokenExchange: {
    call: (a, c) => `basicTokenExchange({ ${[...credentialNames(c), ...withEntries(a)].join(", ")} })`,
    tokenOperation: (a) => `POST ${a.with?.tokenPath}`,
  },
  queryTokenExchange: {
    call: (a, c) =>
      `queryTokenExchange({ ${[`credentials: { ${credentialNames(c).join(", ")} }`, `secretParams: ${JSON.stringify(secretNames(c))}`, ...withEntries(a)].join(", ")} })`,
    tokenOperation: (a) => `GET ${a.with?.tokenPath}`,
  },
  // `token` or `getToken` (see vendor-source.mjs); `source` is whichever the caller gave.
  bearerToken: { call: () => "bearerToken(source)" },
  apiKeyAuth: { call: (a, c) => `apiKeyAuth({ key: ${credentialNames(c)[0]}, in: ${JSON.stringify(a.in)}, name: ${JSON.stringify(a.name)} })` },
};

/**
 * Refuses a block the generator cannot write a client from, naming the field and the fix.
 * @param {Block} block
 */
export function checkBlock(block) {
  const where = `package.json "specyard" of ${block.spec}`;
  if (!block.prefix) throw new Error(`${where} names no "prefix" (e.g. "Endre" for EndreClient)`);
  const c = block.client;
  if (!c) return;
  if (!c.baseUrl || (c.baseUrl.default === undefined && !c.baseUrl.required)) {
    throw new Error(`${where}: client.baseUrl needs a "default" URL, or "required" (why the caller must give one)`);
  }
  if (c.auth && !(c.auth.strategy in STRATEGIES)) throw new Error(`${where}: client.auth.strategy "${c.auth.strategy}" is none of ${Object.keys(STRATEGIES).join(", ")}`);
  if (c.auth && !c.auth.scheme) throw new Error(`${where}: client.auth names no "scheme" (the spec's security scheme the auth fulfils)`);
  if (c.auth?.strategy === "apiKeyAuth" && (credentialNames(c).length !== 1 || !c.auth.in || !c.auth.name)) {
    throw new Error(`${where}: apiKeyAuth takes one credential and the key's "in" (header or query) and "name"`);
  }
  for (const n of c.rateLimit?.keyBy ?? []) if (secretNames(c).includes(n)) throw new Error(`${where}: client.rateLimit.keyBy names the secret "${n}" (a limiter key is logged and stored)`);
}

/** `create<Prefix>Client`, or the block's own name for it. @param {Block} block */
export const factoryName = (block) => block.client?.factory ?? `create${block.prefix}Client`;

/** The exported constants: `<PREFIX>_BASE_URL` (with a default URL), `<PREFIX>_RATE_LIMIT`. @param {Block} block */
export function constants(block) {
  const s = screaming(/** @type {string} */ (block.prefix));
  return { baseUrl: `${s}_BASE_URL`, rateLimit: `${s}_RATE_LIMIT` };
}

/**
 * The environment variables a user's code and `pnpm verify` read, by option: each credential's
 * (`token` for a bearer token) and the base URL's when the API has no shared host.
 * @param {Client} c @returns {Record<string, string>}
 */
export function envNames(c) {
  const out = /** @type {Record<string, string>} */ ({});
  for (const [name, o] of Object.entries(c.credentials ?? {})) if (o.env) out[name] = o.env;
  if (c.baseUrl.env) out.baseUrl = c.baseUrl.env;
  return out;
}

/** The operation the client sends itself to get its token (`POST /token`), if its auth exchanges one. @param {Client} c */
export const tokenOperation = (c) => (c.auth ? STRATEGIES[c.auth.strategy]?.tokenOperation?.(c.auth) : undefined);

/**
 * Every vendor package of the repository with a client block: name, package name and block.
 * @param {string} root @returns {{ name: string, pkg: string, block: Block & { client: Client } }[]}
 */
export function vendorPackages(root) {
  const dir = join(root, "packages");
  return readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, "package.json")))
    .map((d) => JSON.parse(readFileSync(join(dir, d, "package.json"), "utf8")))
    .filter((pkg) => pkg.specyard?.client)
    .map((pkg) => ({ name: pkg.specyard.spec, pkg: pkg.name, block: pkg.specyard }));
}
