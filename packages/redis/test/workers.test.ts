// Four worker processes share one Redis-backed quota and token (its own file, so it runs beside
// shared.test.ts: this test spends 25 s waiting on the strict server's real 4-per-second clock).
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { lagProbe } from "@specyard/contract-harness";
import { describe, expect, it } from "vitest";
import { redisForFile } from "./redis-server.js";
import { TOKEN, startStrictServer, utilisation } from "./strict-server.js";

const APP_SECRET = "app-Secret-never-in-redis-0123";
/** A fresh app id per test: the in-process limiter and the store's keys are per app. */
const appId = () => `app-${process.pid}-workers`;

const redis = redisForFile();

/** Every key under `match`, with its value rendered whatever its type. */
async function dump(c: Redis, match = "*"): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = "0";
  do {
    const [next, keys] = await c.scan(cursor, "MATCH", match, "COUNT", 1000);
    cursor = next;
    for (const key of keys) {
      const type = await c.type(key);
      const value =
        type === "string" ? await c.get(key) : type === "zset" ? await c.zrange(key, 0, -1, "WITHSCORES") : type === "hash" ? await c.hgetall(key) : type;
      out.set(key, JSON.stringify(value));
    }
  } while (cursor !== "0");
  return out;
}

/** Asserts that no key and no value holds any of `secrets`. */
function expectNothingSecret(entries: Map<string, string>, secrets: string[]) {
  expect(entries.size).toBeGreaterThan(0);
  for (const [key, value] of entries) {
    for (const s of secrets) {
      expect(key, "a key").not.toContain(s);
      expect(value, `the value of ${key}`).not.toContain(s);
    }
  }
}

describe("4 worker processes on one Redis", () => {
  it("25 concurrent calls each: all succeed, 0 × 429, one token request, utilisation ≥ 0.9 (net of the machine's timer lag), no secret in Redis", async () => {
    const server = await startStrictServer({ limit: 4, windowMs: 1000 });
    const id = appId();
    try {
      const workers = ["ioredis", "node-redis", "ioredis", "node-redis"].map((client) =>
        fork(fileURLToPath(new URL("./worker.mjs", import.meta.url)), [], {
          env: { ...process.env, REDIS_URL: redis.url(), WORKER_CLIENT: client, WORKER_CALLS: "25", BASE_URL: server.url, APP_ID: id, APP_SECRET },
          stdio: ["ignore", "inherit", "inherit", "ipc"],
        }),
      );
      await Promise.all(workers.map((w) => once(w, "message")));
      const reports = workers.map((w) => once(w, "message"));
      // What this machine's timers lose over the run (a plain one-second loop beside it).
      const probe = lagProbe();
      for (const w of workers) w.send("go");
      const results: { statuses: number[]; warnings: string[] }[] = (await Promise.all(reports)).map(([m]) => m);
      const lag = await probe.stop();
      await Promise.all(workers.map((w) => (w.exitCode === null ? once(w, "exit") : undefined)));

      expect(results.flatMap((r) => r.statuses)).toEqual(Array(100).fill(200));
      expect(results.flatMap((r) => r.warnings)).toEqual([]);
      const timeline = server.log.map((e) => `${Math.round(e.at - (server.log[0]?.at ?? 0))} ${e.path} ${e.status}`).join("\n");
      expect(server.log.filter((e) => e.status === 429), timeline).toEqual([]);
      expect(server.tokenRequests()).toBe(1);
      const used = utilisation(server, 0, lag);
      console.log(`4 processes × 25 calls: ${server.log.length} requests, utilisation ${utilisation(server).toFixed(3)} (${used.toFixed(3)} net of ${lag.toFixed(0)} ms timer lag)`);
      expect(used).toBeGreaterThanOrEqual(0.9);

      const basic = btoa(`${id}:${APP_SECRET}`);
      const entries = await dump(redis.admin(), "specyard:*");
      expectNothingSecret(entries, [APP_SECRET, basic, id]);
      // The shared token is there (that is the point), under a key named by a hash.
      expect([...entries].some(([key, value]) => key.startsWith("specyard:blikk:") && key.endsWith(":token") && value.includes(TOKEN))).toBe(true);
    } finally {
      await server.close();
    }
  }, 60_000);
});
