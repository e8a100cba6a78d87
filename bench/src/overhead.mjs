// @ts-check
/**
 * Per-request overhead: the same GET of a Blikk contact list from a local server, made by each
 * contender N times, interleaved request by request in a shuffled order per round so that drift
 * on the machine hits every contender alike. Compared on the sum of per-request times.
 */
import { createBlikkClient } from "@specyard/blikk";
import axios from "axios";
import createClient from "openapi-fetch";
import { APP_ID, APP_SECRET, TOKEN, startContactServer, startContactServerProcess } from "./servers.mjs";

const PATH = "/v1/Core/Contacts";
/** Blikk requires `page`; every contender sends `?page=1&pageSize=25`. */
const QUERY = { page: 1, pageSize: 25 };

/**
 * @typedef {{ name: string, note: string, run: () => Promise<unknown> }} Contender
 * @typedef {{ name: string, note: string, requests: number, totalMs: number, meanUs: number, p50Us: number,
 *   p99Us: number, requestsPerSecond: number, relativeToFetch: number, p50RelativeToFetch: number, extraUsPerRequest: number }} ContenderResult
 */

/**
 * What openapi-fetch reads from the request it builds (`url`, `method`, `headers`), keeping the init for
 * `fetch(url, init)`: undici then builds the one `Request` it needs instead of copying a second one.
 */
class LiteRequest {
  /** @param {string} url @param {RequestInit} init */
  constructor(url, init) {
    this.url = url;
    this.init = init;
    this.method = init.method ?? "GET";
    this.headers = init.headers;
  }
}

/** @param {unknown} data @param {number} items */
function check(data, items) {
  const d = /** @type {{ items?: unknown[] } | undefined} */ (data);
  if (!d || !Array.isArray(d.items) || d.items.length !== items) throw new Error("unexpected contact list");
  return d;
}

/**
 * The contenders, all sending `Authorization: Bearer <token>` to `GET /v1/Core/Contacts` and parsing the JSON.
 * @param {string} baseUrl
 * @param {number} items contacts in the answer (checked on every request)
 * @returns {Contender[]}
 */
export function createContenders(baseUrl, items) {
  const url = `${baseUrl}${PATH}?page=${QUERY.page}&pageSize=${QUERY.pageSize}`;
  const auth = { Authorization: `Bearer ${TOKEN}` };
  /** @type {import("openapi-fetch").Client<import("@specyard/blikk").paths>} */
  const bare = createClient({ baseUrl, headers: auth });
  const blikk = createBlikkClient({ appId: APP_ID, appSecret: APP_SECRET, baseUrl, rateLimit: false });
  const blikkNoDeadline = createBlikkClient({ appId: APP_ID, appSecret: APP_SECRET, baseUrl, rateLimit: false, timeoutMs: 0 });
  const ax = axios.create({ headers: auth });
  /** @type {import("openapi-fetch").Client<import("@specyard/blikk").paths>} */
  const lite = createClient({
    baseUrl,
    headers: auth,
    Request: /** @type {typeof Request} */ (/** @type {unknown} */ (LiteRequest)),
    fetch: (/** @type {any} */ r) => fetch(r.url, r.init),
  });
  return [
    {
      name: "fetch",
      note: "raw `fetch` + `res.json()`",
      run: async () => {
        const res = await fetch(url, { headers: auth });
        if (!res.ok) throw new Error(`status ${res.status}`);
        return check(await res.json(), items);
      },
    },
    {
      name: "openapi-fetch",
      note: "bare `openapi-fetch` client, no middleware",
      run: async () => {
        const { data, error } = await bare.GET(PATH, { params: { query: QUERY } });
        if (error !== undefined) throw new Error("error answer");
        return check(data, items);
      },
    },
    {
      name: "@specyard/blikk",
      note: "full stack: token auth (cached), retry, 60 s deadline, typed errors; limiter off",
      run: async () => {
        const { data, error } = await blikk.GET(PATH, { params: { query: QUERY } });
        if (error !== undefined) throw new Error("error answer");
        return check(data, items);
      },
    },
    {
      name: "@specyard/blikk, timeoutMs: 0",
      note: "the same stack without the per-call deadline (no AbortController, no timer, no signal handed to fetch)",
      run: async () => {
        const { data, error } = await blikkNoDeadline.GET(PATH, { params: { query: QUERY } });
        if (error !== undefined) throw new Error("error answer");
        return check(data, items);
      },
    },
    {
      name: "openapi-fetch + lite Request",
      note: "experiment: `openapi-fetch` given a plain `Request` stand-in (its `Request` option) and a `fetch` that sends `url` + `init`, so no `Request` is built before `fetch`",
      run: async () => {
        const { data, error } = await lite.GET(PATH, { params: { query: QUERY } });
        if (error !== undefined) throw new Error("error answer");
        return check(data, items);
      },
    },
    {
      name: "axios",
      note: "`axios` 1.x, Node http adapter",
      run: async () => check((await ax.get(url)).data, items),
    },
  ];
}

/** Deterministic shuffle source (mulberry32). @param {number} seed */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @template T @param {T[]} list @param {() => number} rnd */
function shuffle(list, rnd) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [list[i], list[j]] = /** @type {[T, T]} */ ([list[j], list[i]]);
  }
  return list;
}

/** @param {Float64Array} sorted @param {number} q */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

/**
 * Runs `warmup` then `n` interleaved rounds; in each round every contender makes one request, in a
 * freshly shuffled order. Latencies are per request (`process.hrtime.bigint()`).
 * @param {Contender[]} contenders
 * @param {{ n: number, warmup?: number, seed?: number }} o
 * @returns {Promise<ContenderResult[]>}
 */
export async function interleave(contenders, o) {
  const rnd = random(o.seed ?? 42);
  const order = [...contenders];
  const warmup = o.warmup ?? Math.min(2000, Math.max(20, Math.floor(o.n / 10)));
  for (let i = 0; i < warmup; i++) for (const c of shuffle(order, rnd)) await c.run();
  /** @type {Map<string, Float64Array>} */
  const ns = new Map(contenders.map((c) => [c.name, new Float64Array(o.n)]));
  for (let i = 0; i < o.n; i++) {
    for (const c of shuffle(order, rnd)) {
      const t0 = process.hrtime.bigint();
      await c.run();
      /** @type {Float64Array} */ (ns.get(c.name))[i] = Number(process.hrtime.bigint() - t0);
    }
  }
  const stats = contenders.map((c) => {
    const xs = /** @type {Float64Array} */ (ns.get(c.name));
    const total = xs.reduce((a, b) => a + b, 0);
    const sorted = Float64Array.from(xs).sort();
    return { c, total, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
  });
  const base = /** @type {(typeof stats)[number]} */ (stats.find((s) => s.c.name === "fetch") ?? stats[0]);
  return stats.map(({ c, total, p50, p99 }) => ({
    name: c.name,
    note: c.note,
    requests: o.n,
    totalMs: round(total / 1e6, 1),
    meanUs: round(total / o.n / 1e3, 1),
    p50Us: round(p50 / 1e3, 1),
    p99Us: round(p99 / 1e3, 1),
    requestsPerSecond: Math.round(o.n / (total / 1e9)),
    relativeToFetch: round(total / base.total, 3),
    p50RelativeToFetch: round(p50 / base.p50, 3),
    extraUsPerRequest: round((total - base.total) / o.n / 1e3, 1),
  }));
}

/** @param {number} x @param {number} digits */
const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The whole overhead benchmark: starts the server, builds the contenders, runs them. The server runs
 * in this process by default (`server: "inline"`: no scheduler wake-ups between processes, so the
 * client's own cost is a larger and steadier share of each request), or in a child process.
 * @param {{ n: number, warmup?: number, items?: number, server?: "inline" | "process",
 *   extraContenders?: (baseUrl: string, items: number) => Contender[] }} o
 */
export async function runOverhead(o) {
  const items = o.items ?? 25;
  const mode = o.server ?? "inline";
  const server = mode === "process" ? await startContactServerProcess({ items }) : await inlineServer(items);
  try {
    const contenders = [...createContenders(server.url, items), ...(o.extraContenders?.(server.url, items) ?? [])];
    const results = await interleave(contenders, { n: o.n, warmup: o.warmup });
    const counts = await server.counts();
    return { n: o.n, items, server: mode, bodyBytes: server.bodyBytes, serverCounts: counts, contenders: results };
  } finally {
    await server.close();
  }
}

/** The in-process server with the same interface as the child-process one. @param {number} items */
async function inlineServer(items) {
  const s = await startContactServer({ items });
  return { url: s.url, bodyBytes: s.bodyBytes, counts: async () => ({ ...s.counts }), close: s.close };
}
