import { json, startFaultServer, type FaultHandler, type FaultServer } from "@specyard/contract-harness";
import { afterEach } from "vitest";
import { createApiClient, oauth2PasswordGrant, queryTokenExchange, type ApiClientOptions, type Auth } from "../src/index.js";

export { json };

export const PASSWORD = "hunter2-Very-Secret";
export const TOKEN = "tok_5f2b8c7e9a1d4e6f";

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A fault server closed after each test. */
export async function server(handler: FaultHandler): Promise<FaultServer> {
  const s = await startFaultServer(handler);
  servers.push(s);
  return s;
}

/** Requests other than the token request. */
export const apiCalls = (s: FaultServer) => s.requests.filter((r) => r.url !== "/token");

/** A handler that answers the token endpoint and passes everything else to `api`. */
export function withToken(api: FaultHandler, token = TOKEN): FaultHandler {
  return (req, res, n) => {
    if (req.url === "/token") return json(res, 200, { access_token: token, token_type: "bearer", expires_in: 3600 });
    return api(req, res, n);
  };
}

type LooseRoute = {
  input: { params?: { query?: Record<string, unknown>; path?: Record<string, unknown> }; body?: unknown };
  required: false;
  data: unknown;
  error: unknown;
};
/** The core is vendor-neutral: its tests use a route table that accepts any path and parameters. */
export type LooseRoutes = Record<"get" | "put" | "post" | "patch" | "delete" | "head", Record<string, LooseRoute>>;

/** A client with the password grant and fast retries, against `s`. */
export function client<Throws extends boolean = false>(s: FaultServer, extra: Partial<ApiClientOptions> & { throwOnError?: Throws } = {}) {
  return createApiClient<LooseRoutes, Throws>({
    baseUrl: s.baseUrl,
    auth: oauth2PasswordGrant({ username: "jane", password: PASSWORD, tokenPath: "/token" }),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...extra,
  });
}

/** 12Build-style auth: `GET /tokens?login&apiKey`, token sent as `X-Auth-Token`. */
export const queryAuth = (apiKey: string): Auth =>
  queryTokenExchange({
    credentials: { login: "jan", apiKey },
    secretParams: ["apiKey"],
    tokenPath: "/tokens",
    tokenField: "token",
    expiresField: "expireDate",
    defaultTtlMs: 3_600_000,
    header: "X-Auth-Token",
  });
