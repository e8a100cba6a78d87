import { expectNoSecretsIn, memoryTracer, redirect, startFaultServer, type SpanRecord } from "@specyard/contract-harness";
import { describe, expect, it } from "vitest";
import { ApiError, ConnectionError, createApiClient, createApiClientWith, paginate, plainArrayPages } from "../src/index.js";
import { PASSWORD, TOKEN, apiCalls, client, json, queryAuth, server, withToken, type LooseRoutes } from "./helpers.js";

/** `SpanKind.CLIENT`, `SpanKind.INTERNAL` and `SpanStatusCode.ERROR` of @opentelemetry/api. */
const CLIENT = 2;
const INTERNAL = 0;
const ERROR = 2;
const API_KEY = "12build-api-key-0xDEADBEEF";

const byName = (spans: SpanRecord[], name: string) => spans.filter((s) => s.name === name);
const events = (span: SpanRecord | undefined, name: string) => span?.events.filter((e) => e.name === name) ?? [];

describe("tracing: one CLIENT span per call", () => {
  it("named METHOD /template, with the HTTP client attributes, vendor and operationId; the token exchange is a child span", async () => {
    const s = await server(withToken((_req, res) => json(res, 200, { id: 7 })));
    const t = memoryTracer();
    const c = client(s, { tracer: t.tracer, vendor: "acme" });
    await c.GET("/items/{id}", { params: { path: { id: 7 }, query: { expand: "all" } } });

    const [call, ...rest] = byName(t.spans(), "GET /items/{id}");
    expect(rest).toEqual([]);
    const port = Number(new URL(s.baseUrl).port);
    expect(call).toMatchObject({
      kind: CLIENT,
      attributes: {
        "http.request.method": "GET",
        "url.template": "/items/{id}",
        "url.full": `${s.baseUrl}/items/7?expand=all`,
        "server.address": "127.0.0.1",
        "server.port": port,
        "http.response.status_code": 200,
        "specyard.vendor": "acme",
      },
      status: { code: 0 },
    });
    expect(call!.attributes).not.toHaveProperty("http.request.resend_count");
    expect(call!.attributes).not.toHaveProperty("error.type");
    expect(call!.parentSpanId).toBeUndefined();

    const [token] = byName(t.spans(), "POST /token");
    expect(token).toMatchObject({ kind: CLIENT, traceId: call!.traceId, parentSpanId: call!.spanId, attributes: { "http.request.method": "POST", "url.template": "/token", "http.response.status_code": 200 } });
    expect(t.spans()).toHaveLength(2);
    expect(apiCalls(s)).toHaveLength(1);
  });

  it("specyard.operation is the operationId a vendor package passes (`operationIds` part)", async () => {
    const s = await server((_req, res) => json(res, 200, {}));
    const t = memoryTracer();
    const c = createApiClientWith<LooseRoutes>({ operationIds: async () => ({ "GET /items/{id}": "getItem" }) }, { baseUrl: s.baseUrl, tracer: t.tracer });
    await c.GET("/items/{id}", { params: { path: { id: 1 } } });
    await c.GET("/other");
    expect(t.spans().map((x) => [x.name, x.attributes["specyard.operation"]])).toEqual([
      ["GET /items/{id}", "getItem"],
      ["GET /other", undefined],
    ]);
  });

  it("an operationId table that fails to load costs the attribute, not the call", async () => {
    const s = await server((_req, res) => json(res, 200, {}));
    const t = memoryTracer();
    const c = createApiClientWith<LooseRoutes>({ operationIds: () => Promise.reject(new Error("chunk missing")) }, { baseUrl: s.baseUrl, tracer: t.tracer });
    const { response } = await c.GET("/items");
    expect(response.status).toBe(200);
    expect(t.spans().map((x) => [x.name, x.attributes["specyard.operation"]])).toEqual([["GET /items", undefined]]);
  });

  it("a 429 then 200: http.request.resend_count 1 and a retry event with its reason and wait", async () => {
    const s = await server(withToken((_req, res, n) => (n === 2 ? json(res, 429, {}, { "Retry-After": "0" }) : json(res, 200, { ok: true }))));
    const t = memoryTracer();
    const { response } = await client(s, { tracer: t.tracer }).GET("/items");
    expect(response.status).toBe(200);
    const [call] = byName(t.spans(), "GET /items");
    expect(call!.attributes).toMatchObject({ "http.request.resend_count": 1, "http.response.status_code": 200 });
    expect(events(call, "specyard.retry")).toEqual([{ name: "specyard.retry", attributes: { "specyard.retry.reason": "rate limited (429)", "specyard.wait_ms": 0 } }]);
    expect(byName(t.spans(), "POST /token")).toHaveLength(1);
  });

  it("503, a network error, then 200: one retry event per resend, each with its reason", async () => {
    const s = await server(withToken((req, res, n) => (n === 2 ? json(res, 503, {}) : n === 3 ? req && res.socket!.destroy() : json(res, 200, {}))));
    const t = memoryTracer();
    await client(s, { tracer: t.tracer }).GET("/items");
    const [call] = byName(t.spans(), "GET /items");
    expect(call!.attributes["http.request.resend_count"]).toBe(2);
    expect(events(call, "specyard.retry").map((e) => String(e.attributes["specyard.retry.reason"]))).toEqual(["server answered 503", expect.stringMatching(/^network error/)]);
    for (const e of events(call, "specyard.retry")) expect(e.attributes["specyard.wait_ms"]).toBeGreaterThanOrEqual(0);
  });

  it("an error answer: error.type is its status and the span's status is ERROR (returned or thrown)", async () => {
    const s = await server(withToken((_req, res) => json(res, 404, { message: "no such item" })));
    const t = memoryTracer();
    await client(s, { tracer: t.tracer }).GET("/items/{id}", { params: { path: { id: 9 } } });
    const thrown = await client(s, { tracer: t.tracer, throwOnError: true }).GET("/items/{id}", { params: { path: { id: 9 } } }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ApiError);
    const [returned, threw] = byName(t.spans(), "GET /items/{id}");
    expect(returned).toMatchObject({ attributes: { "error.type": "404", "http.response.status_code": 404 }, status: { code: ERROR } });
    expect(threw).toMatchObject({ attributes: { "error.type": "404", "http.response.status_code": 404 }, status: { code: ERROR, message: (thrown as Error).message } });
  });

  it("a failure without an answer: error.type is the error's name", async () => {
    const s = await server(withToken((_req, res) => res.socket!.destroy()));
    const t = memoryTracer();
    const err = await client(s, { tracer: t.tracer, retry: false }).GET("/items").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    const [call] = byName(t.spans(), "GET /items");
    expect(call).toMatchObject({ attributes: { "error.type": "ConnectionError" }, status: { code: ERROR } });
    expect(call!.attributes).not.toHaveProperty("http.response.status_code");
  });

  it("a 401: one renewal event, resend_count 1, and a second token child span", async () => {
    let tokens = 0;
    const s = await server((req, res, n) => {
      if (req.url === "/token") return json(res, 200, { access_token: `${TOKEN}-${++tokens}`, expires_in: 3600 });
      return n === 2 ? json(res, 401, {}) : json(res, 200, {});
    });
    const t = memoryTracer();
    await client(s, { tracer: t.tracer }).GET("/items");
    const [call] = byName(t.spans(), "GET /items");
    expect(call!.attributes["http.request.resend_count"]).toBe(1);
    expect(events(call, "specyard.credentials.renewal")).toHaveLength(1);
    expect(byName(t.spans(), "POST /token").map((x) => x.parentSpanId)).toEqual([call!.spanId, call!.spanId]);
  });

  it("a rate-limiter wait: an event with how long the call waited", async () => {
    const s = await server((_req, res) => json(res, 200, {}));
    const t = memoryTracer();
    const c = createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, tracer: t.tracer, rateLimit: { key: `trace-${s.baseUrl}`, limit: 1, windowMs: 150, maxLatencyMs: 0 } });
    await Promise.all([c.GET("/a"), c.GET("/b")]);
    // The second call waits out the window; the first only for its turn (0 ms, or 1-2 on a busy machine).
    const waits = t.spans().map((x) => Number(events(x, "specyard.rate_limit.wait")[0]?.attributes["specyard.wait_ms"] ?? 0)).sort((a, b) => a - b);
    expect(waits[0]).toBeLessThan(50);
    expect(waits[1]).toBeGreaterThanOrEqual(100);
  });

  it("redirects: an event per hop with the origin and whether the credentials stayed behind", async () => {
    const other = await startFaultServer((_req, res) => json(res, 200, { from: "other" }), "localhost");
    try {
      const s = await server(withToken((req, res) => (req.url === "/items" ? redirect(res, 307, "/moved") : redirect(res, 302, `${other.baseUrl}/file?X-Amz-Signature=abc`))));
      const t = memoryTracer();
      await client(s, { tracer: t.tracer }).GET("/items");
      const [call] = byName(t.spans(), "GET /items");
      expect(events(call, "specyard.redirect").map((e) => e.attributes)).toEqual([
        { "http.response.status_code": 307, "specyard.redirect.origin": s.baseUrl, "specyard.redirect.credentials_dropped": false },
        { "http.response.status_code": 302, "specyard.redirect.origin": other.baseUrl, "specyard.redirect.credentials_dropped": true },
      ]);
      expect(call!.attributes["http.request.resend_count"]).toBe(2);
      expect(t.text()).not.toContain("X-Amz-Signature=abc");
    } finally {
      await other.close();
    }
  });

  it("paginate: one span over the walk, an event per page, each page call its child", async () => {
    const pages = [[1, 2], [3, 4], [5]];
    const s = await server((req, res) => json(res, 200, pages[Number(new URL(req.url, "http://x").searchParams.get("page")) - 1] ?? []));
    const t = memoryTracer();
    const c = createApiClientWith<LooseRoutes>({ paginate }, { baseUrl: s.baseUrl, tracer: t.tracer, pagination: plainArrayPages });
    expect(await c.paginate("/items", { params: { query: { pageSize: 2 } } }, { concurrency: 1 }).toArray()).toEqual([1, 2, 3, 4, 5]);
    const [walk] = byName(t.spans(), "paginate GET /items");
    expect(walk).toMatchObject({ kind: INTERNAL, attributes: { "url.template": "/items" } });
    expect(events(walk, "specyard.page").map((e) => e.attributes)).toEqual([
      { "specyard.page.number": 1, "specyard.page.items": 2 },
      { "specyard.page.number": 2, "specyard.page.items": 2 },
      { "specyard.page.number": 3, "specyard.page.items": 1 },
    ]);
    const calls = byName(t.spans(), "GET /items");
    expect(calls).toHaveLength(3);
    for (const call of calls) expect(call).toMatchObject({ traceId: walk!.traceId, parentSpanId: walk!.spanId });
  });
});

describe("tracing: no credential in any span", () => {
  it("password, token, api key and Basic pair: not in names, attributes, events or status messages", async () => {
    const s = await server(
      withToken((req, res, n) =>
        n === 2 ? json(res, 503, {}) : json(res, 400, { message: `bad request from ${req.headers.authorization} with password ${PASSWORD}` }),
      ),
    );
    const t = memoryTracer();
    const err = await client(s, { tracer: t.tracer, throwOnError: true }).GET("/items", { params: { query: { api_key: API_KEY, token: TOKEN } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const [call] = byName(t.spans(), "GET /items");
    expect(call!.attributes["url.full"]).toBe(`${s.baseUrl}/items?api_key=[REDACTED]&token=[REDACTED]`);
    expect(call!.status.message).toContain("[REDACTED]");
    expectNoSecretsIn({ spans: t.text() }, [PASSWORD, TOKEN, API_KEY, btoa(`jane:${PASSWORD}`)]);
  });

  it("12Build's apiKey in the token request's query: masked in the token span's url.full", async () => {
    const s = await server((req, res) => (req.url.startsWith("/tokens") ? json(res, 200, { token: TOKEN }) : json(res, 200, {})));
    const t = memoryTracer();
    await createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, auth: queryAuth(API_KEY), tracer: t.tracer }).GET("/projects");
    const [token] = byName(t.spans(), "GET /tokens");
    expect(token!.attributes["url.full"]).toBe(`${s.baseUrl}/tokens?login=[REDACTED]&apiKey=[REDACTED]`);
    expectNoSecretsIn({ spans: t.text() }, [API_KEY, TOKEN]);
  });
});
