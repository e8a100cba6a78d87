import { describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  TokenProvider,
  basicTokenExchange,
  bearerToken,
  createApiClient,
  parseLooseDateTime,
  type AuthContext,
} from "../src/index.js";
import { Secrets } from "../src/redact.js";
import { apiCalls, client, json, queryAuth, server, withToken, TOKEN } from "./helpers.js";
import type { LooseRoutes } from "./helpers.js";

describe("token provider", () => {
  it("100 concurrent calls with no token cause exactly one token request", async () => {
    const s = await server(withToken((_req, res) => json(res, 200, { ok: true })));
    const c = client(s);
    const results = await Promise.all(Array.from({ length: 100 }, () => c.GET("/items")));
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    expect(s.requests.filter((r) => r.url === "/token")).toHaveLength(1);
    expect(apiCalls(s)).toHaveLength(100);
    expect(apiCalls(s).every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("the token request is a form-encoded password grant", async () => {
    const s = await server(withToken((_req, res) => json(res, 200, {})));
    await client(s).GET("/items");
    const tokenReq = s.requests.find((r) => r.url === "/token")!;
    expect(tokenReq.method).toBe("POST");
    expect(tokenReq.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(tokenReq.body))).toEqual({
      grant_type: "password",
      username: "jane",
      password: "hunter2-Very-Secret",
    });
  });

  it("reuses a token until shortly before it expires, then obtains a new one", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      let n = 0;
      const obtain = vi.fn(async () => ({ value: `t${++n}`, expiresAt: Date.now() + 120_000 }));
      const p = new TokenProvider(obtain, 30_000);
      const ctx = { secrets: new Secrets() } as AuthContext;
      expect(await p.get(ctx)).toBe("t1");
      vi.setSystemTime(Date.now() + 89_000); // 31 s before expiry: still good
      expect(await p.get(ctx)).toBe("t1");
      vi.setSystemTime(Date.now() + 2_000); // 29 s before expiry: inside the skew
      expect(await p.get(ctx)).toBe("t2");
      expect(obtain).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a failed token request is not cached: the next call tries again", async () => {
    let fail = true;
    const p = new TokenProvider(async () => {
      if (fail) throw new Error("boom");
      return { value: "ok-token" };
    });
    const ctx = { secrets: new Secrets() } as AuthContext;
    await expect(p.get(ctx)).rejects.toThrow("boom");
    fail = false;
    await expect(p.get(ctx)).resolves.toBe("ok-token");
  });

  it("on a 401 it obtains a new token once and retries", async () => {
    let tokens = 0;
    const s = await server((req, res) => {
      if (req.url === "/token") return json(res, 200, { access_token: `token-${++tokens}` });
      if (req.headers.authorization === "Bearer token-1") return json(res, 401, { detail: "expired" });
      return json(res, 200, { ok: true });
    });
    const r = await client(s).GET("/items");
    expect(r.response.status).toBe(200);
    expect(tokens).toBe(2);
    expect(apiCalls(s).map((q) => q.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("a second 401 becomes an AuthenticationError naming the operation", async () => {
    const s = await server(withToken((_req, res) => json(res, 401, { detail: "Not authenticated" })));
    const err = await client(s, { throwOnError: true })
      .GET("/projects/{id}", { params: { path: { id: 7 } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).status).toBe(401);
    expect((err as AuthenticationError).operation).toBe("GET /projects/{id}");
    expect((err as AuthenticationError).body).toEqual({ detail: "Not authenticated" });
    expect(s.requests.filter((r) => r.url === "/token")).toHaveLength(2);
    expect(apiCalls(s)).toHaveLength(2);
  });

  it("without throwOnError the second 401 comes back as { error, response }", async () => {
    const s = await server(withToken((_req, res) => json(res, 401, { detail: "Not authenticated" })));
    const r = await client(s).GET("/items");
    expect(r.response.status).toBe(401);
    expect(r.error).toEqual({ detail: "Not authenticated" });
    expect(r.data).toBeUndefined();
  });

  const refusals: [number, typeof AuthenticationError | typeof BadRequestError][] = [
    [401, AuthenticationError],
    [403, AuthenticationError],
    [400, BadRequestError],
  ];
  for (const [status, Cls] of refusals) {
    it(`a token request refused with ${status} is a ${Cls.name} naming the token operation`, async () => {
      const s = await server((_req, res) => json(res, status, { detail: "Incorrect username or password" }));
      const err = await client(s).GET("/items").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Cls);
      expect(err).toMatchObject({ status, message: expect.stringContaining(`POST /token failed with status ${status}`) });
      if (Cls === BadRequestError) expect(err).not.toBeInstanceOf(AuthenticationError);
      expect(apiCalls(s)).toHaveLength(0);
    });
  }
});

describe("auth strategies", () => {
  it("Basic exchange (Blikk): Basic base64(appId:appSecret), then the bearer token until `expires`", async () => {
    const s = await server((req, res) => {
      if (req.url === "/v1/Auth/Token") {
        return json(res, 200, { objectName: "auth.token", accessToken: "pk_abc.pa_def", expires: "2099-07-01 05:43:12 +00:00" });
      }
      return json(res, 200, {});
    });
    const c = createApiClient<LooseRoutes>({
      baseUrl: s.baseUrl,
      auth: basicTokenExchange({ appId: "myappid", appSecret: "myappsecret", tokenPath: "/v1/Auth/Token", tokenField: "accessToken", expiresField: "expires" }),
    });
    await c.GET("/v1/Core/Contacts");
    await c.GET("/v1/Core/Contacts");
    const [tok, a, b] = s.requests;
    expect(tok!.method).toBe("POST");
    expect(tok!.headers.authorization).toBe("Basic bXlhcHBpZDpteWFwcHNlY3JldA==");
    expect(a!.headers.authorization).toBe("Bearer pk_abc.pa_def");
    expect(b!.headers.authorization).toBe("Bearer pk_abc.pa_def");
    expect(s.requests).toHaveLength(3);
  });

  it("parses Blikk's and RFC 3339 date-times", () => {
    expect(parseLooseDateTime("2022-07-01 05:43:12 +00:00")).toBe(Date.UTC(2022, 6, 1, 5, 43, 12));
    expect(parseLooseDateTime("2022-07-01T05:43:12+0200")).toBe(Date.UTC(2022, 6, 1, 3, 43, 12));
    expect(parseLooseDateTime("2022-07-01T05:43:12Z")).toBe(Date.UTC(2022, 6, 1, 5, 43, 12));
    expect(parseLooseDateTime("soon")).toBeUndefined();
  });

  it("query token exchange (12Build): GET /tokens?login&apiKey, token sent as X-Auth-Token", async () => {
    const s = await server((req, res) => {
      if (req.url!.startsWith("/tokens")) return json(res, 200, { token: "t0k3n-12b", expireDate: String(Math.floor(Date.now() / 1000) + 3600) });
      return json(res, 200, []);
    });
    const c = createApiClient<LooseRoutes>({
      baseUrl: s.baseUrl,
      auth: queryAuth("k3y-v3ry-s3cr3t"),
    });
    await c.GET("/projects");
    await c.GET("/projects");
    expect(s.requests[0]!.url).toBe("/tokens?login=jan&apiKey=k3y-v3ry-s3cr3t");
    expect(s.requests.slice(1).map((r) => r.headers["x-auth-token"])).toEqual(["t0k3n-12b", "t0k3n-12b"]);
    expect(s.requests.slice(1).every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it("static bearer token: sent as is; a 401 is not retried (nothing to renew)", async () => {
    const s = await server((_req, res) => json(res, 401, { type: "Unauthorized" }));
    const c = createApiClient<LooseRoutes, true>({ baseUrl: s.baseUrl, auth: bearerToken("jwt.static.token"), throwOnError: true });
    await expect(c.GET("/api/v0/projects")).rejects.toBeInstanceOf(AuthenticationError);
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]!.headers.authorization).toBe("Bearer jwt.static.token");
  });

  it("bearer token function: called lazily, once for concurrent calls, again after a 401", async () => {
    const s = await server((req, res) => json(res, req.headers.authorization === "Bearer jwt-1" ? 401 : 200, {}));
    let n = 0;
    const getToken = vi.fn(async () => `jwt-${++n}`);
    const c = createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, auth: bearerToken(getToken) });
    expect(getToken).not.toHaveBeenCalled();
    const rs = await Promise.all(Array.from({ length: 10 }, () => c.GET("/x")));
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(rs.every((r) => r.response.status === 200)).toBe(true);
  });
});
