// @ts-check
/** Where the benchmarks live, and the four vendor clients as they build them (bundles, type check, validators). */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = fileURLToPath(new URL("..", import.meta.url));
export const ROOT = join(BENCH_DIR, "..");

/** `, baseUrl: "…"` when one is given. @param {string | undefined} b */
const at = (b) => (b ? `, baseUrl: "${b}"` : "");

/**
 * The four vendor clients as the benchmarks build them: package, factory, the auth strategy it must
 * carry, and its constructor argument with dummy credentials (`baseUrl` given, or the vendor default;
 * Simplo has none). `id` names the client in generated TypeScript.
 * @type {{ name: string, id: string, pkg: string, factory: string, auth: string, args: (baseUrl?: string) => string }[]}
 */
export const VENDORS = [
  { name: "endre", id: "endre", pkg: "@specyard/endre", factory: "createEndreClient", auth: "oauth2PasswordGrant", args: (b) => `{ username: "user", password: "password"${at(b)} }` },
  { name: "12build", id: "twelveBuild", pkg: "@specyard/12build", factory: "create12BuildClient", auth: "queryTokenExchange", args: (b) => `{ login: "login", apiKey: "api-key"${at(b)} }` },
  { name: "blikk", id: "blikk", pkg: "@specyard/blikk", factory: "createBlikkClient", auth: "basicTokenExchange", args: (b) => `{ appId: "app", appSecret: "secret"${at(b)} }` },
  { name: "simplo", id: "simplo", pkg: "@specyard/simplo", factory: "createSimploClient", auth: "bearerToken", args: (b = "https://is.example.com") => `{ token: "jwt"${at(b)} }` },
];
