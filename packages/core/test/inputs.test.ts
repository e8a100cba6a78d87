import { describe, expect, it } from "vitest";
import { ConfigurationError, InvalidResponseError, basicTokenExchange, createApiClient } from "../src/index.js";
import { apiCalls, client, json, queryAuth, server, withToken, type LooseRoutes } from "./helpers.js";

describe("path parameters cannot change the resource", () => {
  for (const value of ["..", ".", ""]) {
    it(`commentId ${JSON.stringify(value)}: a ConfigurationError naming the parameter, nothing sent`, async () => {
      const s = await server(withToken((q, res) => json(res, 200, { url: q.url })));
      const err = await client(s, { throwOnError: true })
        .DELETE("/v1/Core/Tasks/{taskId}/Comments/{commentId}", { params: { path: { taskId: 5, commentId: value } } })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigurationError);
      expect((err as Error).message).toContain("commentId");
      expect((err as Error).message).toContain("DELETE /v1/Core/Tasks/{taskId}/Comments/{commentId}");
      expect(s.requests).toHaveLength(0);
    });
  }

  it("dots inside a value stay one segment: `a..b`, `...`, `.hidden` are sent encoded as they are", async () => {
    const s = await server(withToken((q, res) => json(res, 200, { url: q.url })));
    const c = client(s);
    for (const id of ["a..b", "...", ".hidden", "../x"]) {
      const { data } = await c.GET("/files/{id}", { params: { path: { id } } });
      expect(data).toEqual({ url: `/files/${encodeURIComponent(id)}` });
    }
  });
});

describe("header values with CR or LF", () => {
  it("a caller's header with CRLF: a ConfigurationError naming the header, not its value; nothing sent", async () => {
    const s = await server(withToken((_q, res) => json(res, 200, {})));
    const value = "secret-value-123\r\nX-Injected: yes";
    const err = await client(s).GET("/items", { headers: { "X-Trace": value } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toContain("X-Trace");
    expect((err as Error).message).not.toContain("secret-value-123");
    expect(apiCalls(s)).toHaveLength(0);
  });

  it("a client-level header with LF: refused when the client is built", () => {
    expect(() => createApiClient<LooseRoutes>({ baseUrl: "http://127.0.0.1:9", headers: { "X-App": "a\nb" } })).toThrow(ConfigurationError);
  });
});

describe("a token answer without a usable token is refused", () => {
  for (const [what, answer] of [
    ["no token field", {}],
    ["an empty token", { access_token: "" }],
    ["an object", { access_token: { value: "x" } }],
    ["a number", { access_token: 12345678 }],
    ["a token with CRLF", { access_token: "tok\r\nX-Evil: 1" }],
  ] as const) {
    it(`${what}: InvalidResponseError from the token step, the API is not called`, async () => {
      const s = await server((q, res) => (q.url === "/token" ? json(res, 200, answer) : json(res, 200, { ok: true })));
      const err = await client(s).GET("/items").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidResponseError);
      expect(err).toMatchObject({ operation: "GET /items", cause: { operation: "POST /token" } });
      expect(apiCalls(s)).toHaveLength(0);
    });
  }

  it("every exchange strategy checks its field (Basic exchange, query exchange)", async () => {
    const s = await server((q, res) => (q.url === "/api" ? json(res, 200, {}) : json(res, 200, { accessToken: null, token: [] })));
    const basic = basicTokenExchange({ appId: "a", appSecret: "app-secret-xyz", tokenPath: "/t", tokenField: "accessToken", expiresField: "expires" });
    for (const auth of [basic, queryAuth("api-key-123456")]) {
      const err = await createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, auth }).GET("/api").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidResponseError);
    }
    expect(s.requests.filter((r) => r.url === "/api")).toHaveLength(0);
  });
});

describe("throwOnError: an empty success body where the spec declares one", () => {
  const empty = (status: number) => withToken((_q, res) => res.writeHead(status, { "content-length": "0" }).end());

  it("a 200 without a body on an operation that declares one: InvalidResponseError naming the operation and status", async () => {
    const s = await server(empty(200));
    const c = client(s, { throwOnError: true, emptySuccess: ["DELETE /items/{id}"] });
    const err = await c.GET("/items").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err).toMatchObject({ operation: "GET /items", status: 200 });
    // An operation the spec declares without content resolves with `data: undefined`, as typed.
    expect((await c.DELETE("/items/{id}", { params: { path: { id: 1 } } })).data).toBeUndefined();
  });

  it("204 and HEAD are empty by definition; a client without the table, or without throwOnError, keeps openapi-fetch's undefined", async () => {
    const s = await server(empty(204));
    expect((await client(s, { throwOnError: true, emptySuccess: [] }).GET("/items")).data).toBeUndefined();
    const s2 = await server(empty(200));
    expect((await client(s2, { emptySuccess: [] }).GET("/items")).data).toBeUndefined();
    expect((await client(s2, { throwOnError: true }).GET("/items")).data).toBeUndefined();
  });
});
