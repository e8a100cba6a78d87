// @ts-check
/**
 * Per-request overhead: the same GET of a Blikk contact list from a local server, made by each
 * contender N times, interleaved request by request in a shuffled order per round so that drift
 * on the machine hits every contender alike. Compared on the sum of per-request times.
 */
import { createBlikkClient } from "@specyard/blikk";
import axios from "axios";
import createClient from "openapi-fetch";
import { interleave } from "./interleave.mjs";
import { APP_ID, APP_SECRET, TOKEN, startContactServer, startContactServerProcess } from "./servers.mjs";

const PATH = "/v1/Core/Contacts";
/** Blikk requires `page`; every contender sends `?page=1&pageSize=25`. */
const QUERY = { page: 1, pageSize: 25 };

/**
 * @typedef {import("./interleave.mjs").Contender} Contender
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
