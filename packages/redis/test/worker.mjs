// @ts-check
// One worker process of the multi-process tests: a Blikk client on a shared Redis store (ioredis or
// node-redis, as WORKER_CLIENT says). It connects, says `ready`, waits for `go`, makes WORKER_CALLS
// concurrent calls and reports their statuses and the warnings its logger received.
import { once } from "node:events";
import { createBlikkClient } from "@specyard/blikk";
import { createRedisStore } from "@specyard/redis";
import { Redis } from "ioredis";
import { createClient } from "redis";

const env = (/** @type {string} */ name) => process.env[name] ?? "";
const send = (/** @type {unknown} */ message) => new Promise((resolve) => process.send?.(message, undefined, undefined, resolve));

/** @type {import("@specyard/redis").RedisLike} */
let redis;
/** @type {() => Promise<unknown>} */
let close;
if (env("WORKER_CLIENT") === "ioredis") {
  const c = new Redis(env("REDIS_URL"), { maxRetriesPerRequest: 1 });
  c.on("error", () => {});
  redis = c;
  close = () => c.quit();
} else {
  const c = createClient({ url: env("REDIS_URL") });
  c.on("error", () => {});
  await c.connect();
  redis = c;
  close = () => c.quit();
}

/** @type {string[]} */
const warnings = [];
const client = createBlikkClient({
  appId: env("APP_ID"),
  appSecret: env("APP_SECRET"),
  baseUrl: env("BASE_URL"),
  store: createRedisStore(redis),
  logger: { warn: (m) => warnings.push(m) },
});

await send({ ready: true });
await once(process, "message");
const results = await Promise.all(
  Array.from({ length: Number(env("WORKER_CALLS")) }, () => client.GET("/v1/Core/Contacts", { params: { query: { page: 1 } } })),
);
await send({ statuses: results.map((r) => r.response.status), warnings });
await close().catch(() => {});
process.disconnect();
