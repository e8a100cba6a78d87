import { spawn } from "node:child_process";
import { describe, expect, it, vi } from "vitest";
import { lagProbe } from "@specyard/contract-harness";
import { SlidingWindowLimiter, createApiClient, limiterFor } from "../src/index.js";
import type { LooseRoutes } from "./helpers.js";

const STRICT_SERVER = `
const http = require("node:http");
const arrivals = [];
let refused = 0, served = 0;
const server = http.createServer((req, res) => {
  if (req.url === "/stats") return res.end(JSON.stringify({ refused, served }));
  const now = performance.now();
  const recent = arrivals.filter((t) => now - t < 1000).length;
  arrivals.push(now);
  res.setHeader("content-type", "application/json");
  if (recent >= 4) {
    refused++;
    res.writeHead(429, { "retry-after": "1" });
    return res.end('{"waitInSeconds":1}');
  }
  served++;
  res.end('{"ok":true}');
});
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
`;

/** A strict 4-per-second server in a child process. */
async function strictServer() {
  const child = spawn(process.execPath, ["-e", STRICT_SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (b: Buffer) => resolve(b.toString().trim()));
    child.once("exit", (code) => reject(new Error(`strict server exited with ${code}`)));
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    stats: async () => (await (await fetch(`${baseUrl}/stats`)).json()) as { refused: number; served: number },
    stop: () => child.kill(),
  };
}

describe("sliding-window rate limiter", () => {
  // On the fake clock: where each start falls is exact, however busy the machine (the strict-server test
  // below is the limiter's real-clock test).
  it("never lets a fifth start into any window holding four (unlike a token bucket with burst 4)", async () => {
    vi.useFakeTimers();
    const l = new SlidingWindowLimiter({ limit: 4, windowMs: 100, marginMs: 2 });
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({ length: 14 }, () =>
        l.acquire().then((slot) => {
          starts.push(Date.now());
          slot.done();
        }),
      ),
    );
    try {
      await vi.runAllTimersAsync();
      await all;
    } finally {
      vi.useRealTimers();
    }
    for (let i = 4; i < starts.length; i++) expect(starts[i]! - starts[i - 4]!).toBeGreaterThanOrEqual(99);
    // 14 requests = 4 windows: the last group starts after 3 full windows, and no later than the margin
    // allows (this is the limiter's exact efficiency check; the real-clock test below adds the machine's lag).
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(300);
    expect(starts.at(-1)! - starts[0]!).toBeLessThanOrEqual(3 * (100 + 2));
    // Each group of four starts together, as soon as the window lets it.
    expect(new Set(starts).size).toBe(4);
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
    "100 requests against a strict 4-per-second server: zero 429s, within 1.05 × the ideal time plus the machine's timer lag",
    async () => {
      // The server runs in its own process, like a remote API: its arrival clock does not stall when
      // this process is busy. It refuses any request that arrives within one second of four others.
      const server = await strictServer();
      try {
        const c = createApiClient<LooseRoutes>({
          baseUrl: server.baseUrl,
          rateLimit: { limit: 4, windowMs: 1000, key: `test:${server.baseUrl}` },
        });
        // A plain one-second timer loop with a round trip, beside the run: what this machine adds to every window now.
        const probe = lagProbe({ url: `${server.baseUrl}/stats` });
        const t0 = performance.now();
        const results = await Promise.all(Array.from({ length: 100 }, (_, i) => c.GET("/v1/Core/Contacts", { params: { query: { page: i } } })));
        const ms = performance.now() - t0;
        const lag = await probe.stop();
        const stats = await server.stats();
        // 100 requests at 4 per second fill 25 one-second windows.
        const ideal = (100 / 4) * 1000;
        console.log(`limiter: 100 requests in ${(ms / 1000).toFixed(2)} s (ideal ${ideal / 1000} s, ratio ${(ms / ideal).toFixed(3)}, timer lag ${lag.toFixed(0)} ms), 429s: ${stats.refused}`);
        expect(stats).toEqual({ refused: 0, served: 100 });
        expect(results.every((r) => r.response.status === 200)).toBe(true);
        expect(ms).toBeLessThanOrEqual(ideal * 1.05 + lag);
      } finally {
        server.stop();
      }
    },
    40_000,
  );
});
