import { json, startFaultServer, type FaultServer } from "@specyard/contract-harness";
import { RateLimitError, bearerToken, createApiClient, type ApiClient, type Routes } from "@specyard/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRedisStore } from "../src/index.js";
import { redisForFile } from "./redis-server.js";

const redis = redisForFile();
let run = 0;
const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** `TimeoutOverflowWarning`s emitted while a test runs (a timer set beyond 2^31-1 ms). */
const overflows: string[] = [];
const onWarning = (w: Error) => {
  if (w.name === "TimeoutOverflowWarning") overflows.push(w.message);
};
beforeEach(() => {
  overflows.length = 0;
  process.on("warning", onWarning);
  return () => void process.off("warning", onWarning);
});

type Loose = { get: Record<string, { input: object; required: false; data: unknown; error: unknown }> };

/** A client on the store, with a bearer token of its own (one credential per test: its own keys). */
function clientOn(s: FaultServer, prefix: string, timeoutMs: number): { client: ApiClient<Loose & Routes>; token: string } {
  const token = `tok-pause-${process.pid}-${++run}`;
  const store = createRedisStore(redis.admin(), { prefix });
  return { client: createApiClient<Loose & Routes>({ baseUrl: s.baseUrl, auth: bearerToken(token), store, timeoutMs, retry: { maxAttempts: 1 } }), token };
}

/** The pause key a first call writes (found by its suffix). */
async function pauseKey(prefix: string): Promise<string> {
  const keys = await redis.admin().keys(`${prefix}*`);
  const limit = keys.find((k) => k.endsWith(":limit")) ?? keys[0];
  if (!limit) throw new Error(`no key under ${prefix}`);
  return limit.replace(/:[a-z]+$/, ":pause");
}

describe("a hostile pause cannot stall the clients of a shared store", () => {
  it("429 with Retry-After: 999999999: the shared pause is capped at 60 s, and the next call fails at once with RateLimitError", async () => {
    const s = await startFaultServer((_q, res, n) => (n === 1 ? json(res, 429, {}, { "retry-after": "999999999" }) : json(res, 200, { ok: true })));
    servers.push(s);
    const { client } = clientOn(s, "hostile:", 5000);
    const first = await client.GET("/items");
    expect(first.response.status).toBe(429);
    // The pause is written once the answer is in: give the store its round trip.
    await new Promise((r) => setTimeout(r, 200));
    const key = await pauseKey("hostile:");
    const ttl = await redis.admin().pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);

    const t = performance.now();
    const second = await client.GET("/items").catch((e: unknown) => e);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(second).toBeInstanceOf(RateLimitError);
    expect((second as RateLimitError).operation).toBe("GET /items");
    expect((second as RateLimitError).retryAfterMs).toBeGreaterThan(50_000);
    expect((second as RateLimitError).retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(s.requests).toHaveLength(1);
    expect(overflows).toEqual([]);
  });

  for (const [what, value] of [
    ["a huge number", "99999999999999999999"],
    ["an overflowing number", "1e400"],
    ["garbage", "tomorrow, maybe"],
  ] as const) {
    it(`a pause key holding ${what} (written straight into Redis): capped at 60 s or dropped, never a spin or a hang`, async () => {
      const s = await startFaultServer((_q, res) => json(res, 200, { ok: true }));
      servers.push(s);
      const prefix = `foreign${run}:`;
      const { client } = clientOn(s, prefix, 3000);
      expect((await client.GET("/items")).response.status).toBe(200);
      const key = await pauseKey(prefix);
      await redis.admin().set(key, value);

      const t = performance.now();
      const next = await client.GET("/items").catch((e: unknown) => e);
      const ms = performance.now() - t;
      expect(ms).toBeLessThan(1000);
      if (what === "garbage") {
        expect(next).toMatchObject({ response: { status: 200 } });
        expect(await redis.admin().exists(key)).toBe(0);
      } else {
        expect(next).toBeInstanceOf(RateLimitError);
        expect((next as RateLimitError).retryAfterMs).toBeLessThanOrEqual(60_000);
        expect(await redis.admin().pttl(key)).toBeLessThanOrEqual(60_000);
      }
      expect(overflows).toEqual([]);
    });
  }
});
