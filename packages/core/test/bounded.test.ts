import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getEventListeners } from "node:events";
import { RateLimitError, TimeoutError, createApiClient, oauth2PasswordGrant } from "../src/index.js";
import { client, json, server, withToken, type LooseRoutes } from "./helpers.js";

/** How long `p` took to settle, and with what (the error when it rejected), or `pending` after `capMs`. */
async function settle(p: Promise<unknown>, capMs = 10_000): Promise<{ ms: number; value: unknown; pending?: true }> {
  const t = performance.now();
  let stop!: () => void;
  const cap = new Promise<"pending">((resolve) => {
    const timer = setTimeout(() => resolve("pending"), capMs);
    stop = () => clearTimeout(timer);
  });
  const value = await Promise.race([p.catch((e: unknown) => e), cap]);
  stop();
  return { ms: performance.now() - t, value, ...(value === "pending" && { pending: true }) };
}

/** Timers set by core (stack through packages/core/src) and not yet cleared or fired. */
const pending = new Set<unknown>();
const realSet = globalThis.setTimeout;
const realClear = globalThis.clearTimeout;
beforeEach(() => {
  pending.clear();
  globalThis.setTimeout = ((fn: () => void, ms?: number, ...args: unknown[]) => {
    const mine = /packages\/core\/src\//.test(new Error().stack ?? "");
    const handle = realSet(() => {
      pending.delete(handle);
      fn(...(args as []));
    }, ms);
    if (mine) pending.add(handle);
    return handle;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((handle: Parameters<typeof clearTimeout>[0]) => {
    pending.delete(handle);
    realClear(handle);
  }) as typeof clearTimeout;
});
afterEach(() => {
  globalThis.setTimeout = realSet;
  globalThis.clearTimeout = realClear;
});

/** Sends 200 with `{"items":[` and then one byte a second, for ever (until the socket closes). */
const trickle = withToken((_q, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write('{"items":[');
  const timer = setInterval(() => res.write(" "), 1000);
  res.on("close", () => clearInterval(timer));
});

describe("the deadline and the caller's abort bound the whole call, body included", () => {
  it("a body that trickles one byte a second: TimeoutError naming the operation at timeoutMs", async () => {
    const s = await server(trickle);
    const { ms, value, pending: hung } = await settle(client(s, { timeoutMs: 2000 }).GET("/items"));
    expect(hung).toBeUndefined();
    expect(value).toBeInstanceOf(TimeoutError);
    expect((value as TimeoutError).operation).toBe("GET /items");
    expect(ms).toBeGreaterThanOrEqual(1500);
    expect(ms).toBeLessThan(4000);
  });

  it("a body that trickles: the caller's abort ends the call with the caller's reason", async () => {
    const s = await server(trickle);
    const ac = new AbortController();
    const reason = new Error("caller gave up");
    realSet(() => ac.abort(reason), 1500);
    const { ms, value } = await settle(client(s, { timeoutMs: 0 }).GET("/items", { signal: ac.signal }));
    expect(value).toBe(reason);
    expect(ms).toBeLessThan(3500);
  });

  it("a fetch option that ignores the signal: the trickling body still ends at the deadline", async () => {
    const s = await server(trickle);
    const deaf = (req: Request) => fetch(req.url, { method: req.method, headers: req.headers, redirect: "manual" });
    const { value, pending: hung } = await settle(client(s, { timeoutMs: 1500, fetch: deaf }).GET("/items"));
    expect(hung).toBeUndefined();
    expect(value).toBeInstanceOf(TimeoutError);
  });

  it("a throwing client with a trickling error body: TimeoutError too", async () => {
    const s = await server(
      withToken((_q, res) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.write('{"message":"');
        const timer = setInterval(() => res.write("x"), 500);
        res.on("close", () => clearInterval(timer));
      }),
    );
    const { value } = await settle(client(s, { timeoutMs: 1500, throwOnError: true }).POST("/items", { body: {} }));
    expect(value).toBeInstanceOf(TimeoutError);
  });

  it("a completed call leaves no timer and no abort listener behind (JSON, empty, error and streamed bodies)", async () => {
    const s = await server(
      withToken((q, res) => {
        if (q.url === "/empty") return res.writeHead(200, { "content-length": "0" }).end();
        if (q.url === "/missing") return json(res, 404, { message: "no" });
        return json(res, 200, { items: [1, 2, 3] });
      }),
    );
    const c = client(s);
    const ac = new AbortController();
    await c.GET("/items", { signal: ac.signal });
    await c.GET("/empty", { signal: ac.signal });
    await c.GET("/missing", { signal: ac.signal });
    const { data } = await c.GET("/items", { signal: ac.signal, parseAs: "stream" });
    await new Response(data as ReadableStream).text();
    await c.GET("/items");
    expect(pending.size).toBe(0);
    expect(getEventListeners(ac.signal, "abort")).toHaveLength(0);
  });
});

describe("the token request a call waits for ends with the call", () => {
  /** Token requests whose connection the client closed (it stopped waiting). */
  let dropped = 0;
  /** A token endpoint that never answers; the API answers 200. */
  const silentToken = () => {
    dropped = 0;
    return server((q, res) => {
      if (q.url !== "/token") json(res, 200, { ok: true });
      else res.on("close", () => dropped++);
    });
  };

  it("withOptions({ timeoutMs: 1000 }): TimeoutError after 1 s, not the client's 60 s; the token request stops with it", async () => {
    const s = await silentToken();
    const { ms, value, pending: hung } = await settle(client(s).withOptions({ timeoutMs: 1000 }).GET("/items"));
    expect(hung).toBeUndefined();
    expect(value).toBeInstanceOf(TimeoutError);
    expect((value as TimeoutError).operation).toBe("GET /items");
    expect(ms).toBeLessThan(3000);
    // No call waits for the token any more: the exchange is aborted, not left running for 60 s.
    await new Promise((r) => realSet(r, 300));
    expect(dropped).toBe(1);
  });

  it("init.timeoutMs and an aborted signal: each call leaves on its own", async () => {
    const s = await silentToken();
    const c = client(s);
    const first = settle(c.GET("/items", { timeoutMs: 800 }));
    const ac = new AbortController();
    const reason = new Error("stop");
    const second = settle(c.GET("/items", { signal: ac.signal }));
    realSet(() => ac.abort(reason), 300);
    const [a, b] = await Promise.all([first, second]);
    expect(b.value).toBe(reason);
    expect(b.ms).toBeLessThan(2000);
    expect(a.value).toBeInstanceOf(TimeoutError);
    expect(a.ms).toBeLessThan(2500);
  });

  it("a shared exchange keeps running for the call still waiting: it gets the token", async () => {
    let release!: () => void;
    const s = await server((q, res) => {
      if (q.url === "/token") release = () => json(res, 200, { access_token: "tok_shared_12345", expires_in: 3600 });
      else json(res, 200, { ok: true });
    });
    const c = client(s);
    const short = settle(c.GET("/items", { timeoutMs: 300 }));
    const long = c.GET("/items");
    expect((await short).value).toBeInstanceOf(TimeoutError);
    release();
    expect((await long).response.status).toBe(200);
    expect(s.requests.filter((r) => r.url === "/token")).toHaveLength(1);
  });
});

describe("no wait beyond what the call can afford, no timer beyond 2^31-1 ms", () => {
  const overflows: string[] = [];
  const onWarning = (w: Error) => void (w.name === "TimeoutOverflowWarning" && overflows.push(w.message));
  beforeEach(() => {
    overflows.length = 0;
    process.on("warning", onWarning);
    return () => void process.off("warning", onWarning);
  });

  it("Retry-After: 999999999 with an unlimited wait budget: RateLimitError at once with the server's wait, one request", async () => {
    const s = await server(withToken((_q, res) => json(res, 429, {}, { "retry-after": "999999999" })));
    const { ms, value } = await settle(client(s, { throwOnError: true, retry: { maxTotalWaitMs: Infinity } }).GET("/items"));
    expect(value).toBeInstanceOf(RateLimitError);
    expect((value as RateLimitError).retryAfterMs).toBe(999_999_999_000);
    expect(ms).toBeLessThan(1000);
    expect(s.requests.filter((r) => r.url === "/items")).toHaveLength(1);
    expect(overflows).toEqual([]);
  });

  it("a Retry-After longer than the deadline left: RateLimitError at once, not a TimeoutError later", async () => {
    const s = await server(withToken((_q, res) => json(res, 429, {}, { "retry-after": "5" })));
    const { ms, value } = await settle(client(s, { throwOnError: true, timeoutMs: 2000 }).GET("/items"));
    expect(value).toBeInstanceOf(RateLimitError);
    expect((value as RateLimitError).retryAfterMs).toBe(5000);
    expect(ms).toBeLessThan(1000);
  });

  it("timeoutMs beyond 2^31-1 ms: the deadline is clamped, not fired after 1 ms", async () => {
    const s = await server(withToken((_q, res) => setTimeout(() => json(res, 200, { ok: true }), 50)));
    const { value } = await settle(client(s, { timeoutMs: 2 ** 40 }).GET("/items"));
    expect(value).toMatchObject({ response: { status: 200 } });
    expect(overflows).toEqual([]);
  });

  it("a local rate limit whose wait outlasts the deadline: RateLimitError at once, naming the call", async () => {
    const s = await server(withToken((_q, res) => json(res, 200, { ok: true })));
    const c = client(s, { throwOnError: true, timeoutMs: 1000, rateLimit: { key: `outlast-${Math.random()}`, limit: 2, windowMs: 60_000 } });
    await c.GET("/items"); // the token request and this call take the two slots
    const { ms, value } = await settle(c.GET("/items"));
    expect(value).toBeInstanceOf(RateLimitError);
    expect((value as RateLimitError).operation).toBe("GET /items");
    expect((value as RateLimitError).retryAfterMs).toBeGreaterThan(50_000);
    expect(ms).toBeLessThan(500);
  });
});
