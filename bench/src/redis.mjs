// @ts-check
/**
 * The shared store (`@specyard/redis`) on a real `redis-server` (free loopback port, persistence off):
 *
 * - `processes` worker processes (packages/redis/test/worker.mjs, half ioredis, half node-redis) make
 *   `requests` concurrent Blikk calls each against the strict 4-per-second server: calls that succeed,
 *   429s, token requests, utilisation as in ratelimit.mjs (from the first arrival to the last).
 * - the latency a store adds to one call: `calls` sequential calls to the contact server through one
 *   client with the store and one without, both with a limit too high to ever wait (so the limiter's
 *   work is measured, not its waits); the difference of the mean times per call.
 */
import { fork, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { join } from "node:path";
import { createBlikkClient } from "@specyard/blikk";
import { createRedisStore } from "@specyard/redis";
import { Redis } from "ioredis";
import { ROOT } from "./vendors.mjs";
import { APP_ID, APP_SECRET, startContactServer, startRateLimitedServer } from "./servers.mjs";

const PATH = "/v1/Core/Contacts";
const WORKER = join(ROOT, "packages/redis/test/worker.mjs");

/** @returns {Promise<number>} */
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });

async function startRedis() {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  for await (const chunk of child.stdout) if ((out += chunk).includes("Ready to accept connections")) break;
  return { port, url: `redis://127.0.0.1:${port}`, stop: () => (child.kill("SIGKILL"), once(child, "exit")) };
}

/** @param {{ processes?: number, requests?: number, calls?: number }} [o] */
export async function runRedisStore(o = {}) {
  const processes = o.processes ?? 4;
  const requests = o.requests ?? 25;
  const calls = o.calls ?? 500;
  const redis = await startRedis();
  try {
    // Many processes, one quota.
    const server = await startRateLimitedServer({ limit: 4, windowMs: 1000 });
    const appId = `${APP_ID}-${Date.now()}`;
    const workers = Array.from({ length: processes }, (_, i) =>
      fork(WORKER, [], {
        env: { ...process.env, REDIS_URL: redis.url, WORKER_CLIENT: i % 2 ? "node-redis" : "ioredis", WORKER_CALLS: String(requests), BASE_URL: server.url, APP_ID: appId, APP_SECRET },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      }),
    );
    await Promise.all(workers.map((w) => once(w, "message")));
    const reports = workers.map((w) => once(w, "message"));
    const t0 = performance.now();
    for (const w of workers) w.send("go");
    /** @type {{ statuses: number[], warnings: string[] }[]} */
    const results = (await Promise.all(reports)).map(([m]) => m);
    const wallMs = performance.now() - t0;
    await server.close();
    const span = (server.log[server.log.length - 1]?.at ?? 0) - (server.log[0]?.at ?? 0);

    // Added latency per call.
    const contacts = await startContactServer({ items: 5 });
    const admin = new Redis(redis.port, "127.0.0.1");
    const limit = { limit: 1_000_000, windowMs: 1000 };
    const base = { appSecret: APP_SECRET, baseUrl: contacts.url, rateLimit: limit };
    const plain = createBlikkClient({ ...base, appId: `${appId}-plain` });
    const shared = createBlikkClient({ ...base, appId: `${appId}-store`, store: createRedisStore(admin) });
    /** @param {typeof plain} c */
    const perCall = async (c) => {
      for (let i = 0; i < 50; i++) await c.GET(PATH, { params: { query: { page: 1 } } }); // warm-up
      const t = performance.now();
      for (let i = 0; i < calls; i++) await c.GET(PATH, { params: { query: { page: 1 } } });
      return (performance.now() - t) / calls;
    };
    // Alternating rounds, best of each: the first round also warms up the code both share.
    let withoutMs = Infinity;
    let withMs = Infinity;
    for (let round = 0; round < 3; round++) {
      withoutMs = Math.min(withoutMs, await perCall(plain));
      withMs = Math.min(withMs, await perCall(shared));
    }
    admin.disconnect();
    await contacts.close();

    return {
      processes,
      requests,
      limit: server.limit,
      windowMs: server.windowMs,
      ok: results.flatMap((r) => r.statuses).filter((s) => s === 200).length,
      tooManyRequests: server.log.filter((e) => e.status === 429).length,
      tokenRequests: server.log.filter((e) => e.path === "/v1/Auth/Token" && e.status === 200).length,
      storeWarnings: results.flatMap((r) => r.warnings),
      utilisation: span > 0 ? Math.round(((server.log.length - server.limit) / (span / 1000) / server.limit) * 1000) / 1000 : 0,
      wallMs: Math.round(wallMs),
      calls,
      msPerCallWithout: Math.round(withoutMs * 1000) / 1000,
      msPerCallWith: Math.round(withMs * 1000) / 1000,
      addedMsPerCall: Math.round((withMs - withoutMs) * 1000) / 1000,
    };
  } finally {
    await redis.stop();
  }
}
