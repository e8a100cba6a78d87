// @ts-check
/**
 * Reading a whole list: time to read N items through `client.paginate()` against local stand-ins that
 * answer after `latencyMs` (bench/src/servers.mjs `startListServer`):
 * - Blikk, strict 4 requests per second (a 429 for any request within 1 s of four others), page size
 *   default 25, documented maximum 100;
 * - Simplo, no quota, 100 records per page;
 * - 12Build, plain arrays without a total, 100 per page (the caller's `pageSize`; without one the
 *   server answers the whole list).
 * Each is read one page after another with the server's default page size (what `paginate` did before
 * issue 17: `concurrency: 1`) and with the new defaults. The Blikk ideal is quota-bound:
 * `ceil(N / 100)` requests at 4 per second plus one answer's latency. Token requests are made and
 * their limiter window left to pass before the clock starts.
 *
 *   node src/paginate.mjs [--n=2000,10000] [--latency=300]
 */
import { createBlikkClient } from "@specyard/blikk";
import { create12BuildClient } from "@specyard/12build";
import { createSimploClient } from "@specyard/simplo";
import { APP_ID, APP_SECRET, TOKEN, startListServer } from "./servers.mjs";

const BLIKK_LIMIT = 4;
const BLIKK_WINDOW_MS = 1000;
const BLIKK_MAX_PAGE_SIZE = 100;

/**
 * One read: a fresh server and client, the token fetched first, then `read(client)` timed.
 * @template C
 * @param {{ scheme: "blikk" | "simplo" | "12build", n: number, latencyMs: number, limit?: number }} server
 * @param {(url: string) => C} makeClient
 * @param {(client: C) => Promise<any>} warm a call that gets the token
 * @param {(client: C) => AsyncIterable<{ id?: unknown }>} read
 */
async function timeRead(server, makeClient, warm, read) {
  const s = await startListServer({ scheme: server.scheme, items: server.n, latencyMs: server.latencyMs, limit: server.limit, windowMs: BLIKK_WINDOW_MS });
  try {
    const client = makeClient(s.url);
    await warm(client);
    // Let the token request's limiter window pass (client and server).
    if (server.limit) await new Promise((r) => setTimeout(r, BLIKK_WINDOW_MS + 300));
    const before = s.stats.requests;
    const t0 = performance.now();
    let count = 0;
    let ordered = true;
    for await (const item of read(client)) ordered &&= Number(item.id) === ++count;
    const ms = performance.now() - t0;
    if (count !== server.n || !ordered) throw new Error(`${server.scheme}: read ${count} of ${server.n} items${ordered ? "" : " out of order"}`);
    return { ms: Math.round(ms), requests: s.stats.requests - before, tooManyRequests: s.stats.tooManyRequests };
  } finally {
    await s.close();
  }
}

/** @param {{ n?: number[], latencyMs?: number }} [o] */
export async function runPaginate(o = {}) {
  const ns = o.n ?? [2000, 10_000];
  const latencyMs = o.latencyMs ?? 300;
  const rows = [];
  for (const n of ns) {
    // Blikk: the client's default limiter (4/s), a fresh app id per read (the limiter is shared per app).
    const blikk = (/** @type {string} */ url) => createBlikkClient({ appId: `${APP_ID}-${Math.random()}`, appSecret: APP_SECRET, baseUrl: url });
    const blikkWarm = (/** @type {ReturnType<typeof blikk>} */ c) => c.GET("/v1/Core/Contacts", { params: { query: { page: 1, pageSize: 1 } } });
    const blikkServer = { scheme: /** @type {const} */ ("blikk"), n, latencyMs, limit: BLIKK_LIMIT };
    const blikkPages = Math.ceil(n / BLIKK_MAX_PAGE_SIZE);
    rows.push({
      vendor: "Blikk",
      n,
      ideal: { ms: Math.round((blikkPages / BLIKK_LIMIT) * BLIKK_WINDOW_MS + latencyMs), requests: blikkPages },
      sequential: await timeRead(blikkServer, blikk, blikkWarm, (c) => c.paginate("/v1/Core/Contacts", { params: { query: { pageSize: 25 } } }, { concurrency: 1 })),
      defaults: await timeRead(blikkServer, blikk, blikkWarm, (c) => c.paginate("/v1/Core/Contacts")),
    });

    const simplo = (/** @type {string} */ url) => createSimploClient({ token: TOKEN, baseUrl: url });
    const simploServer = { scheme: /** @type {const} */ ("simplo"), n, latencyMs };
    rows.push({
      vendor: "Simplo",
      n,
      sequential: await timeRead(simploServer, simplo, async () => {}, (c) => c.paginate("/api/v0/reports", {}, { concurrency: 1 })),
      defaults: await timeRead(simploServer, simplo, async () => {}, (c) => c.paginate("/api/v0/reports")),
    });

    const twelve = (/** @type {string} */ url) => create12BuildClient({ login: "bench", apiKey: "bench-Key-0123456789", baseUrl: url });
    const twelveServer = { scheme: /** @type {const} */ ("12build"), n, latencyMs };
    const twelveWarm = (/** @type {ReturnType<typeof twelve>} */ c) => c.GET("/project/list", { params: { query: { page: 1, pageSize: 1 } } });
    rows.push({
      vendor: "12Build",
      n,
      sequential: await timeRead(twelveServer, twelve, twelveWarm, (c) => c.paginate("/project/list", { params: { query: { pageSize: 100 } } }, { concurrency: 1 })),
      defaults: await timeRead(twelveServer, twelve, twelveWarm, (c) => c.paginate("/project/list", { params: { query: { pageSize: 100 } } })),
    });
  }
  return { latencyMs, rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (/** @type {string} */ name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const r = await runPaginate({ n: arg("n")?.split(",").map(Number), latencyMs: arg("latency") ? Number(arg("latency")) : undefined });
  console.log(JSON.stringify(r, null, 2));
}
