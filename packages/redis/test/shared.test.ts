import { createBlikkClient } from "@specyard/blikk";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { expectNoSecretsIn, memoryTracer } from "@specyard/contract-harness";
import { describe, expect, it } from "vitest";
import { createRedisStore } from "../src/index.js";
import { redisForFile, startRedisServer } from "./redis-server.js";
import { TOKEN, startStrictServer } from "./strict-server.js";

const APP_SECRET = "app-Secret-never-in-redis-0123";
const PATH = "/v1/Core/Contacts";
let run = 0;
/** A fresh app id per test: the in-process limiter and the store's keys are per app. */
const appId = () => `app-${process.pid}-${++run}`;

const redis = redisForFile();

describe("one process, store faults", () => {
  it("Redis killed mid-run: every call completes, one warning, and the client goes back to Redis when it returns", async () => {
    const server = await startStrictServer();
    const local = await startRedisServer();
    const nodeRedis = createClient({ url: local.url, socket: { reconnectStrategy: () => 50 } });
    const errors: unknown[] = [];
    nodeRedis.on("error", (e) => errors.push(e));
    await nodeRedis.connect();
    const warnings: string[] = [];
    const debug: string[] = [];
    try {
      const client = createBlikkClient({
        appId: appId(),
        appSecret: APP_SECRET,
        baseUrl: server.url,
        store: createRedisStore(nodeRedis, { retryAfterMs: 300 }),
        logger: { warn: (m) => warnings.push(m), debug: (m) => debug.push(m) },
      });
      let answered = 0;
      let killed: Promise<void> | undefined;
      const calls = Array.from({ length: 16 }, () =>
        client.GET(PATH, { params: { query: { page: 1 } } }).then((r) => {
          if (++answered === 5) killed = local.kill();
          return r.response.status;
        }),
      );
      expect(await Promise.all(calls)).toEqual(Array(16).fill(200));
      await killed;
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^\[specyard\] store unavailable .*using this process's limiter and token/);
      expect(server.log.filter((e) => e.status === 429)).toEqual([]);

      // Redis returns on the same port: the next calls go through it again.
      const back = await startRedisServer(local.port);
      try {
        // The client's connection comes back on its own reconnect schedule (slower on a busy machine): wait for it, bounded.
        for (const until = Date.now() + 10_000; !nodeRedis.isReady && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, 400));
        const again = await Promise.all(Array.from({ length: 4 }, () => client.GET(PATH, { params: { query: { page: 1 } } })));
        expect(again.map((r) => r.response.status)).toEqual([200, 200, 200, 200]);
        const fresh = new Redis(back.port, "127.0.0.1");
        expect((await fresh.keys("specyard:blikk:*:limit")).length).toBe(1);
        fresh.disconnect();
        expect(debug.some((m) => m.includes("store reachable again"))).toBe(true);
        expect(warnings, warnings.join("\n")).toHaveLength(1);
      } finally {
        await nodeRedis.quit().catch(() => {});
        await back.kill();
      }
    } finally {
      await local.kill();
      await server.close();
    }
  }, 30_000);

  it("Redis unreachable from the start: calls succeed within their deadline, one warning", async () => {
    const server = await startStrictServer();
    const gone = await startRedisServer();
    await gone.kill();
    const ioredis = new Redis(gone.port, "127.0.0.1", { lazyConnect: false, maxRetriesPerRequest: 1 });
    ioredis.on("error", () => {});
    const warnings: string[] = [];
    try {
      const client = createBlikkClient({
        appId: appId(),
        appSecret: APP_SECRET,
        baseUrl: server.url,
        timeoutMs: 3000,
        store: createRedisStore(ioredis),
        logger: { warn: (m) => warnings.push(m) },
      });
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: 3 }, () => client.GET(PATH, { params: { query: { page: 1 } } })));
      expect(results.map((r) => r.response.status)).toEqual([200, 200, 200]);
      expect(performance.now() - started).toBeLessThan(3000);
      expect(warnings).toHaveLength(1);
      expect(server.tokenRequests()).toBe(1);
    } finally {
      ioredis.disconnect();
      await server.close();
    }
  });
});

describe("tracing", () => {
  it("a call while Redis is unreachable: its span has a specyard.store.fallback event", async () => {
    const server = await startStrictServer();
    const gone = await startRedisServer();
    await gone.kill();
    const ioredis = new Redis(gone.port, "127.0.0.1", { lazyConnect: false, maxRetriesPerRequest: 1 });
    ioredis.on("error", () => {});
    const t = memoryTracer();
    try {
      const client = createBlikkClient({ appId: appId(), appSecret: APP_SECRET, baseUrl: server.url, timeoutMs: 3000, store: createRedisStore(ioredis), tracer: t.tracer });
      const { response } = await client.GET(PATH, { params: { query: { page: 1 } } });
      expect(response.status).toBe(200);
      const [call] = t.spans().filter((s) => s.name === `GET ${PATH}`);
      expect(call!.events.map((e) => e.name)).toContain("specyard.store.fallback");
      expectNoSecretsIn({ spans: t.text() }, [APP_SECRET, TOKEN]);
    } finally {
      ioredis.disconnect();
      await server.close();
    }
  });
});

describe("shared token", () => {
  it("one 401 renewal invalidates the shared token once for all clients: exactly one new token", async () => {
    const server = await startStrictServer({ limit: 100 });
    const store = createRedisStore(redis.admin(), { prefix: "renew:" });
    const id = appId();
    try {
      // Two clients: two token caches, as two processes would have.
      const [a, b] = [0, 1].map(() => createBlikkClient({ appId: id, appSecret: APP_SECRET, baseUrl: server.url, store, rateLimit: false }));
      if (!a || !b) throw new Error("two clients");
      expect((await a.GET(PATH, { params: { query: { page: 1 } } })).response.status).toBe(200);
      expect((await b.GET(PATH, { params: { query: { page: 1 } } })).response.status).toBe(200);
      expect(server.tokenRequests()).toBe(1);

      server.revoke(`${TOKEN}-1`);
      const both = await Promise.all([a, b, a, b].map((c) => c.GET(PATH, { params: { query: { page: 1 } } })));
      expect(both.map((r) => r.response.status)).toEqual([200, 200, 200, 200]);
      expect(server.tokenRequests()).toBe(2);
      expect(server.log.filter((e) => e.status === 401).length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it("shareTokens: false: each client has its own token, and nothing is written to Redis", async () => {
    const server = await startStrictServer({ limit: 100 });
    const store = createRedisStore(redis.admin(), { prefix: "own:", shareTokens: false });
    const id = appId();
    try {
      const clients = [0, 1].map(() => createBlikkClient({ appId: id, appSecret: APP_SECRET, baseUrl: server.url, store, rateLimit: false }));
      const results = await Promise.all(clients.map((c) => c.GET(PATH, { params: { query: { page: 1 } } })));
      expect(results.map((r) => r.response.status)).toEqual([200, 200]);
      expect(server.tokenRequests()).toBe(2);
      expect(await redis.admin().keys("own:*")).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("corrupt and foreign values under the prefix are ignored and overwritten", async () => {
    const server = await startStrictServer({ limit: 100 });
    const store = createRedisStore(redis.admin(), { prefix: "junk:" });
    const id = appId();
    try {
      const first = createBlikkClient({ appId: id, appSecret: APP_SECRET, baseUrl: server.url, store });
      expect((await first.GET(PATH, { params: { query: { page: 1 } } })).response.status).toBe(200);
      const keys = await redis.admin().keys("junk:*");
      const base = keys.find((k) => k.endsWith(":token"))?.replace(/:token$/, "");
      expect(base).toMatch(/^junk:blikk:[\w-]{22}$/);
      // Every key the store uses, written by someone else with the wrong type or a value that does not parse.
      await redis.admin().set(`${base}:limit`, "not a log");
      await redis.admin().hset(`${base}:pause`, "until", "tomorrow");
      await redis.admin().set(`${base}:token`, "{not json");
      await redis.admin().set(`${base}:lock`, "someone"); // no expiry: foreign

      const second = createBlikkClient({ appId: id, appSecret: APP_SECRET, baseUrl: server.url, store });
      const results = await Promise.all(Array.from({ length: 3 }, () => second.GET(PATH, { params: { query: { page: 1 } } })));
      expect(results.map((r) => r.response.status)).toEqual([200, 200, 200]);
      expect(server.tokenRequests()).toBe(2);
      expect(await redis.admin().type(`${base}:limit`)).toBe("zset");
      expect(JSON.parse((await redis.admin().get(`${base}:token`)) ?? "")).toMatchObject({ v: `${TOKEN}-2` });
    } finally {
      await server.close();
    }
  });
});
