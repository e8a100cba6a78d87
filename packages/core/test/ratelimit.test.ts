import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter, createApiClient, limiterFor } from "../src/index.js";
import { json, server } from "./helpers.js";
import type { LoosePaths } from "./helpers.js";

describe("sliding-window rate limiter", () => {
  it("never lets a fifth start into any window holding four (unlike a token bucket with burst 4)", async () => {
    const l = new SlidingWindowLimiter({ limit: 4, windowMs: 100, marginMs: 2 });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 14 }, () =>
        l.acquire().then((slot) => {
          starts.push(performance.now());
          slot.done();
        }),
      ),
    );
    for (let i = 4; i < starts.length; i++) expect(starts[i]! - starts[i - 4]!).toBeGreaterThanOrEqual(99);
    // 14 requests = 4 windows: the last group starts after 3 full windows.
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(300);
    expect(starts.at(-1)! - starts[0]!).toBeLessThan(400);
  });

  it("a slow answer holds its slot until it arrives (up to maxLatencyMs)", async () => {
    const l = new SlidingWindowLimiter({ limit: 1, windowMs: 100, marginMs: 0, maxLatencyMs: 1000 });
    const first = await l.acquire();
    const t0 = performance.now();
    setTimeout(() => first.done(), 150); // the answer takes 150 ms: the server may have seen it late
    await l.acquire();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(245);
  });

  it("an abort while queued rejects that caller and lets the queue go on", async () => {
    const l = new SlidingWindowLimiter({ limit: 1, windowMs: 200 });
    (await l.acquire()).done();
    const ac = new AbortController();
    const aborted = l.acquire(ac.signal);
    setTimeout(() => ac.abort(new Error("stop")), 20);
    await expect(aborted).rejects.toThrow("stop");
    await expect(l.acquire()).resolves.toHaveProperty("done");
  });

  it("one limiter per credential key", () => {
    const a = limiterFor("vendor:https://x:app-1", { limit: 4, windowMs: 1000 });
    expect(limiterFor("vendor:https://x:app-1", { limit: 4, windowMs: 1000 })).toBe(a);
    expect(limiterFor("vendor:https://x:app-2", { limit: 4, windowMs: 1000 })).not.toBe(a);
  });

  it(
    "100 requests against a strict 4-per-second server: zero 429s, within 1.05 × the ideal time",
    async () => {
      // The server refuses any request that arrives within one second of four others.
      const arrivals: number[] = [];
      let refused = 0;
      const s = await server((req, res) => {
        const now = req.at;
        const recent = arrivals.filter((t) => now - t < 1000).length;
        arrivals.push(now);
        if (recent >= 4) {
          refused++;
          return json(res, 429, { waitInSeconds: 1 }, { "retry-after": "1" });
        }
        return json(res, 200, { ok: true });
      });
      const c = createApiClient<LoosePaths>({
        baseUrl: s.baseUrl,
        rateLimit: { limit: 4, windowMs: 1000, key: `test:${s.baseUrl}` },
      });
      const t0 = performance.now();
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => c.GET("/v1/Core/Contacts", { params: { query: { page: i } } })));
      const ms = performance.now() - t0;
      const ideal = (100 / 4 - 1) * 1000; // the 25th group of four can start 24 s after the first
      console.log(`limiter: 100 requests in ${(ms / 1000).toFixed(2)} s (ideal ${ideal / 1000} s, ratio ${(ms / ideal).toFixed(3)}), 429s: ${refused}`);
      expect(refused).toBe(0);
      expect(results.every((r) => r.response.status === 200)).toBe(true);
      expect(s.requests).toHaveLength(100);
      expect(ms).toBeLessThanOrEqual(ideal * 1.05);
    },
    40_000,
  );
});
