import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConnectionError,
  InvalidResponseError,
  RateLimitError,
  ServerError,
  TimeoutError,
  RETRY_DEFAULTS,
  backoffDelay,
  parseRetryAfter,
} from "../src/index.js";
import { apiCalls, client, json, server, withToken } from "./helpers.js";

/** Answers 429/5xx for the first `failures` API calls, then 200. */
const failThenOk = (failures: number, fail: Parameters<typeof withToken>[0]) =>
  withToken((req, res, n) => (n - 1 <= failures ? fail(req, res, n) : json(res, 200, { ok: true })));

const elapsed = async <T>(fn: () => Promise<T>) => {
  const t = performance.now();
  const value = await fn().catch((e: unknown) => e);
  return { value: value as T | Error, ms: performance.now() - t };
};

describe("429: waits as long as the server says, then retries", () => {
  it("Retry-After in seconds", async () => {
    const s = await server(failThenOk(1, (_q, res) => json(res, 429, {}, { "retry-after": "1" })));
    const { value, ms } = await elapsed(() => client(s).GET("/items"));
    expect((value as { response: Response }).response.status).toBe(200);
    expect(apiCalls(s)).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(990);
    expect(ms).toBeLessThan(2500);
    const gap = apiCalls(s)[1]!.at - apiCalls(s)[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(990);
  });

  it("Retry-After as an HTTP date", async () => {
    const s = await server(
      failThenOk(1, (_q, res) => json(res, 429, {}, { "retry-after": new Date(Date.now() + 2000).toUTCString() })),
    );
    const { value, ms } = await elapsed(() => client(s).GET("/items"));
    expect((value as { response: Response }).response.status).toBe(200);
    expect(apiCalls(s)).toHaveLength(2);
    // HTTP dates have 1 s resolution: the wait is between 1 and 2 s.
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(2500);
  });

  it("Blikk's body { waitInSeconds } when there is no header", async () => {
    const s = await server(failThenOk(2, (_q, res) => json(res, 429, { waitInSeconds: 0.15 })));
    const { value, ms } = await elapsed(() => client(s).GET("/items"));
    expect((value as { response: Response }).response.status).toBe(200);
    expect(apiCalls(s)).toHaveLength(3);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(1000);
  });

  it("no hint at all: exponential backoff (base 100 ms: waits of 50-100 ms, then 100-200 ms)", async () => {
    const s = await server(failThenOk(2, (_q, res) => json(res, 429, { message: "slow down" })));
    const { value, ms } = await elapsed(() => client(s, { retry: { baseDelayMs: 100, maxDelayMs: 1000 } }).GET("/items"));
    expect(value).toMatchObject({ response: { status: 200 } });
    expect(apiCalls(s)).toHaveLength(3);
    expect(ms).toBeGreaterThanOrEqual(150);
    expect(ms).toBeLessThan(300 + 300);
  });

  it("a POST is retried after 429 (the server did not process it)", async () => {
    const s = await server(failThenOk(1, (_q, res) => json(res, 429, { waitInSeconds: 0.01 })));
    const r = await client(s).POST("/items", { body: { name: "x" } });
    expect(r.response.status).toBe(200);
    expect(apiCalls(s).map((q) => q.body)).toEqual(['{"name":"x"}', '{"name":"x"}']);
  });

  it("a wait beyond maxTotalWaitMs is not taken: RateLimitError with the server's wait", async () => {
    const s = await server(withToken((_q, res) => json(res, 429, { waitInSeconds: 30 }, { "retry-after": "30" })));
    const { value, ms } = await elapsed(() => client(s, { throwOnError: true, retry: { maxTotalWaitMs: 1000 } }).GET("/items"));
    expect(value).toBeInstanceOf(RateLimitError);
    expect((value as RateLimitError).retryAfterMs).toBe(30_000);
    expect((value as RateLimitError).status).toBe(429);
    expect(apiCalls(s)).toHaveLength(1);
    expect(ms).toBeLessThan(500);
  });

  it("stops after maxAttempts", async () => {
    const s = await server(withToken((_q, res) => json(res, 429, { waitInSeconds: 0.01 })));
    const err = await client(s, { throwOnError: true, retry: { maxAttempts: 3 } }).GET("/items").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(apiCalls(s)).toHaveLength(3);
  });

  it("parses Retry-After values", () => {
    expect(parseRetryAfter("120")).toBe(120_000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.UTC(2015, 9, 21, 7, 27, 30))).toBe(30_000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.UTC(2015, 9, 21, 7, 29))).toBe(0);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe("5xx and network errors: backoff, idempotent methods only", () => {
  for (const status of [502, 503, 504]) {
    it(`GET after ${status}: retried with backoff until it succeeds`, async () => {
      const s = await server(failThenOk(2, (_q, res) => json(res, status, {})));
      const r = await client(s).GET("/items");
      expect(r.response.status).toBe(200);
      expect(apiCalls(s)).toHaveLength(3);
    });
  }

  it("PUT and DELETE are idempotent: retried", async () => {
    const s = await server(failThenOk(1, (_q, res) => json(res, 503, {})));
    expect((await client(s).PUT("/items/{id}", { params: { path: { id: 1 } }, body: { a: 1 } })).response.status).toBe(200);
    expect(apiCalls(s).map((q) => q.method)).toEqual(["PUT", "PUT"]);
  });

  it("a POST after 503 is NOT re-sent: ServerError after exactly one request", async () => {
    const s = await server(withToken((_q, res) => json(res, 503, { message: "maintenance" })));
    const err = await client(s, { throwOnError: true }).POST("/items", { body: { a: 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).status).toBe(503);
    expect((err as ServerError).operation).toBe("POST /items");
    expect((err as ServerError).message).toBe("POST /items failed with status 503: maintenance");
    expect(apiCalls(s)).toHaveLength(1);
  });

  it("a PATCH is never re-sent either", async () => {
    const s = await server(withToken((_q, res) => json(res, 502, {})));
    const r = await client(s).PATCH("/items", { body: { a: 1 } });
    expect(r.response.status).toBe(502);
    expect(apiCalls(s)).toHaveLength(1);
  });

  it("a POST is re-sent when the caller opts in for that call (withOptions)", async () => {
    const s = await server(failThenOk(1, (_q, res) => json(res, 503, {})));
    const c = client(s);
    const r = await c.withOptions({ retry: { unsafe: true, baseDelayMs: 5 } }).POST("/items", { body: { a: 1 } });
    expect(r.response.status).toBe(200);
    expect(apiCalls(s).map((q) => q.body)).toEqual(['{"a":1}', '{"a":1}']);
  });

  it("500 is not retried (not a transient gateway answer)", async () => {
    const s = await server(withToken((_q, res) => json(res, 500, { requestId: "r-1" })));
    const err = await client(s, { throwOnError: true }).GET("/items").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).body).toEqual({ requestId: "r-1" });
    expect(apiCalls(s)).toHaveLength(1);
  });

  it("a reset connection: GET retried up to maxAttempts, then ConnectionError", async () => {
    const s = await server(withToken((_q, res) => res.socket!.destroy()));
    const err = await client(s, { retry: { maxAttempts: 3, baseDelayMs: 5 } }).GET("/items").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).operation).toBe("GET /items");
    expect((err as ConnectionError).status).toBeUndefined();
    expect(apiCalls(s)).toHaveLength(3);
  });

  it("a reset connection on POST: sent exactly once", async () => {
    const s = await server(withToken((_q, res) => res.socket!.destroy()));
    const err = await client(s).POST("/items", { body: { a: 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(apiCalls(s)).toHaveLength(1);
  });

  it("a reset once, then success: the GET succeeds on the second attempt", async () => {
    const s = await server(failThenOk(1, (_q, res) => res.socket!.destroy()));
    const r = await client(s).GET("/items");
    expect(r.response.status).toBe(200);
    expect(apiCalls(s)).toHaveLength(2);
  });

  it("connection refused: ConnectionError after the retries", async () => {
    const s = await server(() => undefined);
    const url = s.baseUrl;
    await s.close();
    const c = client({ ...s, baseUrl: url }, { auth: undefined, retry: { maxAttempts: 2, baseDelayMs: 5 } });
    const err = await c.GET("/items").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toMatch(/^GET \/items failed: network error: fetch failed/);
  });
});

describe("deadlines and aborts", () => {
  it("a server that stalls past the timeout: TimeoutError, one attempt", async () => {
    const s = await server(withToken(() => undefined)); // never answers
    const { value, ms } = await elapsed(() => client(s, { timeoutMs: 200 }).GET("/items"));
    expect(value).toBeInstanceOf(TimeoutError);
    expect((value as TimeoutError).operation).toBe("GET /items");
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(700);
    expect(apiCalls(s)).toHaveLength(1);
  });

  it("a Retry-After wait longer than the deadline is not begun: the 429 stands, at once", async () => {
    const s = await server(withToken((_q, res) => json(res, 429, {}, { "retry-after": "5" })));
    const { value, ms } = await elapsed(() => client(s, { timeoutMs: 300 }).GET("/items"));
    expect(value).toMatchObject({ response: { status: 429 } });
    expect(ms).toBeLessThan(900);
    expect(apiCalls(s)).toHaveLength(1);
  });

  it("per-call timeout via withOptions overrides the client's", async () => {
    const s = await server(withToken(() => undefined));
    const { value, ms } = await elapsed(() => client(s, { timeoutMs: 10_000 }).withOptions({ timeoutMs: 150 }).GET("/items"));
    expect(value).toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(700);
  });

  it("a call's own options left undefined keep the withOptions defaults", async () => {
    const s = await server(withToken(() => undefined));
    const { value, ms } = await elapsed(() =>
      client(s, { timeoutMs: 10_000 }).withOptions({ timeoutMs: 150 }).GET("/items", { timeoutMs: undefined, retry: undefined }),
    );
    expect(value).toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(700);
  });

  it("the caller's AbortSignal ends a wait at once with an AbortError", async () => {
    const ac = new AbortController();
    // Aborted once the call waits on the 429 (not during the token request, which the abort would end too).
    const s = await server(withToken((_q, res) => (json(res, 429, {}, { "retry-after": "5" }), setTimeout(() => ac.abort(), 100))));
    const { value, ms } = await elapsed(() => client(s).GET("/items", { signal: ac.signal }));
    expect((value as Error).name).toBe("AbortError");
    expect(value).not.toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(700);
    expect(apiCalls(s)).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const s = await server(withToken((_q, res) => json(res, 200, {})));
    const ac = new AbortController();
    ac.abort();
    await expect(client(s).GET("/items", { signal: ac.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(apiCalls(s)).toHaveLength(0);
  });
});

describe("broken bodies", () => {
  it("truncated JSON in a 200: InvalidResponseError naming the operation", async () => {
    const s = await server(
      withToken((_q, res) => {
        const text = '{"items": [1, 2';
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
        res.end(text);
      }),
    );
    const err = await client(s).GET("/items").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as Error).message).toBe("GET /items failed: response body is not valid JSON");
  });

  it("a body cut off mid-way (connection closed before content-length): ConnectionError", async () => {
    const s = await server(
      withToken((_q, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": 1000 });
        res.write('{"items": [1, 2');
        setTimeout(() => res.socket!.destroy(), 20);
      }),
    );
    const err = await client(s).GET("/items").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toContain("GET /items failed: connection lost while reading the response");
  });
});

describe("backoffDelay: exponential, full jitter in [d/2, d], capped", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const policy = { ...RETRY_DEFAULTS, baseDelayMs: 100, maxDelayMs: 1000 };

  it("doubles on each retry: d = base × 2^(retry-1)", () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy))).toEqual([100, 200, 400, 800]);
  });

  it("the jitter goes down to half the delay, never below", () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy))).toEqual([50, 100, 200, 400]);
  });

  it("random draws stay within [d/2, d]", () => {
    for (let n = 1; n <= 4; n++) {
      const d = 100 * 2 ** (n - 1);
      for (let i = 0; i < 200; i++) {
        const ms = backoffDelay(n, policy);
        expect(ms).toBeGreaterThanOrEqual(d / 2);
        expect(ms).toBeLessThanOrEqual(d);
      }
    }
  });

  it("caps one delay at maxDelayMs, however many retries", () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    expect([5, 6, 10, 30].map((n) => backoffDelay(n, policy))).toEqual([1000, 1000, 1000, 1000]);
    expect(backoffDelay(30, RETRY_DEFAULTS)).toBe(8000);
  });
});
