import { expectNoSecrets } from "@specyard/contract-harness";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  ConfigurationError,
  ConnectionError,
  basicTokenExchange,
  createApiClient,
  redactUrl,
} from "../src/index.js";
import { PASSWORD, TOKEN, client, json, queryAuth, server, withToken } from "./helpers.js";
import type { LooseRoutes } from "./helpers.js";

const APP_SECRET = "blikk-app-secret-42";
const BASIC = btoa(`app-id:${APP_SECRET}`);
const API_KEY = "12build-api-key-0xDEADBEEF";

describe("no secrets in errors or logs", () => {
  it("password and token: not in an API error that echoes them back, nor in log lines", async () => {
    const lines: string[] = [];
    const logger = { debug: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
    const s = await server(
      withToken((req, res, n) =>
        n < 3
          ? json(res, 503, {})
          : json(res, 400, { message: `bad request from ${req.headers.authorization} with password ${PASSWORD}` }),
      ),
    );
    const err = await client(s, { throwOnError: true, logger }).GET("/items").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toContain("[REDACTED]");
    expect(lines.length).toBeGreaterThan(0);
    expectNoSecrets(err, [PASSWORD, TOKEN], lines);
  });

  it("12Build's apiKey travels in a query string: a refused token request does not reveal it", async () => {
    const s = await server((_req, res) => json(res, 401, { error: "invalid apiKey" }));
    const err = await createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, auth: queryAuth(API_KEY) }).GET("/projects").catch((e: unknown) => e);
    if (!(err instanceof ApiError)) throw err;
    expect(err.status).toBe(401);
    // The user's call fails, the token request is its cause (both shown by inspect, so both checked).
    expect(err.operation).toBe("GET /projects");
    expect(err.cause).toMatchObject({ operation: "GET /tokens", url: expect.stringContaining("apiKey=[REDACTED]") });
    expectNoSecrets(err, [API_KEY]);
  });

  it("12Build's apiKey: a token request that fails at the network level does not reveal it", async () => {
    const s = await server((_req, res) => res.socket!.destroy());
    const err = await createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, auth: queryAuth(API_KEY), retry: { maxAttempts: 2, baseDelayMs: 5 } })
      .GET("/projects")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expectNoSecrets(err, [API_KEY]);
  });

  it("Blikk's app secret and Basic value: not in a refused token error", async () => {
    const s = await server((req, res) => json(res, 401, { message: `bad credentials ${req.headers.authorization}` }));
    const auth = basicTokenExchange({ appId: "app-id", appSecret: APP_SECRET, tokenPath: "/v1/Auth/Token", tokenField: "accessToken", expiresField: "expires" });
    const err = await createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, auth }).GET("/v1/Core/Contacts").catch((e: unknown) => e);
    expect((err as ApiError).status).toBe(401);
    expectNoSecrets(err, [APP_SECRET, BASIC]);
  });

  it("a caller's own Cookie, Authorization, Proxy-Authorization and strategy header: masked when an error body echoes them", async () => {
    const COOKIE = "session=s3ss10n-0123456789; theme=dark";
    const OWN = "callers-own-bearer-9876543210";
    const PROXY = "cHJveHktdXNlcjpwcm94eS1zZWNyZXQ=";
    const STRATEGY = "own-x-auth-token-5555";
    const s = await server((req, res) =>
      req.url === "/tokens?login=jan&apiKey=12build-api-key-0xDEADBEEF"
        ? json(res, 200, { token: "tok-from-exchange-1234", expireDate: null })
        : json(res, 400, { message: `you sent ${JSON.stringify(req.headers)}` }),
    );
    const anonymous = createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, throwOnError: true });
    const err = await anonymous
      .GET("/items", { headers: { Cookie: COOKIE, Authorization: `Bearer ${OWN}`, "Proxy-Authorization": `Basic ${PROXY}` } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expectNoSecrets(err, ["s3ss10n-0123456789", OWN, PROXY]);
    // The strategy's header set by the caller, on a client whose strategy uses it.
    const withStrategy = createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, auth: queryAuth(API_KEY), throwOnError: true });
    const err2 = await withStrategy.GET("/items", { anonymous: true, headers: { "X-Auth-Token": STRATEGY } }).catch((e: unknown) => e);
    expectNoSecrets(err2, [STRATEGY, API_KEY]);
  });

  it("redactUrl masks credential parameters and user info", () => {
    expect(redactUrl("https://u:p@api.test/tokens?login=jan&apiKey=abc123&page=2")).toBe(
      "https://api.test/tokens?login=[REDACTED]&apiKey=[REDACTED]&page=2",
    );
  });
});

describe("credentials never go over plain http to a remote host", () => {
  it("refuses at construction", () => {
    expect(() => client({ baseUrl: "http://api.vendor.test", requests: [], close: async () => {} })).toThrow(ConfigurationError);
  });

  it("refuses a per-call http base URL too, before anything is sent", async () => {
    const s = await server(withToken((_q, res) => json(res, 200, {})));
    const c = client(s);
    await expect(c.GET("/items", { baseUrl: "http://api.vendor.test" })).rejects.toBeInstanceOf(ConfigurationError);
    expect(s.requests).toHaveLength(0);
  });

  it("allows loopback and https, and http when explicitly allowed", () => {
    for (const baseUrl of ["http://127.0.0.1:9", "http://localhost:9", "https://api.vendor.test"]) {
      expect(() => client({ baseUrl, requests: [], close: async () => {} })).not.toThrow();
    }
    expect(() => client({ baseUrl: "http://api.vendor.test", requests: [], close: async () => {} }, { allowInsecureHttp: true })).not.toThrow();
  });
});
