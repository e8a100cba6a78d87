// @ts-check
/** Local HTTP servers the benchmarks talk to (127.0.0.1, random port). */
import { fork } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

export const TOKEN = "pk_00000000-0000-0000-0000-000000000000.pa_00000000-0000-0000-0000-000000000000";
export const APP_ID = "bench-app";
export const APP_SECRET = "bench-app-Secret-0123456789";

/** `2026-11-23 14:43:12 +00:00`, the way Blikk writes date-times. */
const blikkDate = (/** @type {number} */ ms) => new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, " +00:00");

/** A token answer valid for an hour (so the client caches it for the whole run). */
export function tokenBody() {
  return Buffer.from(JSON.stringify({ objectName: "auth.token", accessToken: TOKEN, expires: blikkDate(Date.now() + 3_600_000) }));
}

/** One page of a Blikk contact list (`GET /v1/Core/Contacts`, `generic.pagedlist` of `contact.list`), `items` entries. */
export function contactListBody(items = 25) {
  const list = Array.from({ length: items }, (_, i) => ({
    objectName: "contact.list",
    id: i + 1,
    name: `Contact ${i + 1}`,
    customerNumber: String(1000 + i),
    contactType: i % 3 === 0 ? "company" : "person",
    organizationalOrSocialSecurityNumber: null,
    visitingAddress: {
      objectName: "generic.address",
      streetAddress: "Blikkvägen 123",
      additionalAddress: null,
      postalCode: "94100",
      city: "Piteå",
      state: "Norrbotten",
      countryId: 1,
      countryName: "Sverige",
    },
    company: { objectName: "generic.name_id", id: 2, name: "My company" },
    parentCompany: null,
    created: "2022-07-01 04:43:12 +00:00",
    lastUpdated: null,
  }));
  return Buffer.from(
    JSON.stringify({ objectName: "generic.pagedlist", page: 1, pageSize: items, itemCount: items, totalItemCount: 240, totalPages: Math.ceil(240 / items), items: list }),
  );
}

/**
 * @param {import("node:http").ServerResponse} res
 * @param {number} status
 * @param {Buffer} body
 * @param {Record<string, string>} [headers]
 */
function send(res, status, body, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": String(body.length), ...headers });
  res.end(body);
}

/**
 * @param {import("node:http").Server} server
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
async function listen(server) {
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const addr = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${addr.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The overhead server: `POST /v1/Auth/Token` issues a token, every other request gets the same
 * contact list. Counts requests by path.
 * @param {{ items?: number }} [o]
 */
export async function startContactServer(o = {}) {
  const body = contactListBody(o.items);
  /** @type {Record<string, number>} */
  const counts = {};
  const server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    counts[path] = (counts[path] ?? 0) + 1;
    req.resume();
    if (req.method === "POST" && path === "/v1/Auth/Token") return send(res, 200, tokenBody());
    send(res, 200, body);
  });
  const { url, close } = await listen(server);
  return { url, close, counts, bodyBytes: body.length };
}

/**
 * The contact server in a child process, so its work and garbage stay out of the measured process.
 * @param {{ items?: number }} [o]
 * @returns {Promise<{ url: string, bodyBytes: number, counts: () => Promise<Record<string, number>>, close: () => Promise<void> }>}
 */
export async function startContactServerProcess(o = {}) {
  const child = fork(fileURLToPath(new URL("./server-child.mjs", import.meta.url)), [String(o.items ?? 25)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  /** @type {(msg: any) => void} */
  let onMessage = () => {};
  child.on("message", (m) => onMessage(m));
  const next = () => new Promise((resolve, reject) => {
    onMessage = resolve;
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  /** @type {any} */
  const ready = await next();
  return {
    url: ready.url,
    bodyBytes: ready.bodyBytes,
    counts: async () => {
      const p = next();
      child.send("counts");
      return /** @type {any} */ (await p).counts;
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    },
  };
}

/**
 * Blikk's limit read strictly: a request that arrives within `windowMs` of `limit` earlier requests
 * (any path, token requests included, refused ones included) gets a 429 with Blikk's
 * `waitInSeconds` body. Records the arrival time (ms, hrtime) and status of every request.
 * @param {{ limit?: number, windowMs?: number }} [o]
 */
export async function startRateLimitedServer(o = {}) {
  const limit = o.limit ?? 4;
  const windowMs = o.windowMs ?? 1000;
  const body = contactListBody(5);
  /** @type {{ at: number, path: string, status: number }[]} */
  const log = [];
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  const server = createServer((req, res) => {
    const at = now();
    const path = (req.url ?? "").split("?")[0] ?? "";
    req.resume();
    const recent = log.filter((e) => at - e.at < windowMs);
    if (recent.length >= limit) {
      log.push({ at, path, status: 429 });
      const waitMs = windowMs - (at - /** @type {{ at: number }} */ (recent[recent.length - limit]).at);
      return send(res, 429, Buffer.from(JSON.stringify({ message: "Too many requests", waitInSeconds: Math.ceil(waitMs) / 1000 })));
    }
    log.push({ at, path, status: 200 });
    if (req.method === "POST" && path === "/v1/Auth/Token") return send(res, 200, tokenBody());
    send(res, 200, body);
  });
  const { url, close } = await listen(server);
  return { url, close, log, limit, windowMs };
}

/**
 * A paged list of `items` records, answered after `latencyMs`, for the pagination benchmark. `scheme`:
 * - `blikk`: `generic.pagedlist` envelopes (`page`/`pageSize`, default 25, at most 100; `totalPages`,
 *   `totalItemCount`), `POST /v1/Auth/Token` issues a token;
 * - `simplo`: `{ items, _meta: { page, total_pages, records } }` (`page`/`per_page`, default 100);
 * - `12build`: plain arrays (`page`/`pageSize`, whole list without a page size), `GET /tokens` issues a token.
 * With `limit`, a request (any path) that arrives within `windowMs` of `limit` others gets a 429.
 * Counts requests and 429s.
 * @param {{ scheme: "blikk" | "simplo" | "12build", items: number, latencyMs: number, limit?: number, windowMs?: number }} o
 */
export async function startListServer(o) {
  const { scheme, items, latencyMs, limit = Infinity, windowMs = 1000 } = o;
  const stats = { requests: 0, tooManyRequests: 0 };
  /** @type {number[]} */
  const arrivals = [];
  const server = createServer((req, res) => {
    const at = Number(process.hrtime.bigint()) / 1e6;
    req.resume();
    stats.requests++;
    const refused = arrivals.filter((t) => at - t < windowMs).length >= limit;
    arrivals.push(at);
    const url = new URL(req.url ?? "", "http://x");
    const q = (/** @type {string} */ k) => url.searchParams.get(k);
    setTimeout(() => {
      if (refused) {
        stats.tooManyRequests++;
        return send(res, 429, Buffer.from(JSON.stringify({ message: "Too many requests", waitInSeconds: windowMs / 1000 })));
      }
      if (url.pathname === "/v1/Auth/Token") return send(res, 200, tokenBody());
      if (url.pathname === "/tokens") return send(res, 200, Buffer.from(JSON.stringify({ token: TOKEN, expireDate: new Date(Date.now() + 3_600_000).toISOString() })));
      const page = Number(q("page") ?? 1);
      const size = Math.min(Number(q(scheme === "simplo" ? "per_page" : "pageSize") ?? (scheme === "blikk" ? 25 : scheme === "simplo" ? 100 : items)), scheme === "blikk" ? 100 : Infinity);
      const list = Array.from({ length: Math.max(0, Math.min(size, items - (page - 1) * size)) }, (_, i) => ({ id: (page - 1) * size + i + 1, name: `Record ${(page - 1) * size + i + 1}` }));
      const totalPages = Math.ceil(items / size);
      const body =
        scheme === "blikk"
          ? { objectName: "generic.pagedlist", page, pageSize: size, itemCount: list.length, totalItemCount: items, totalPages, items: list }
          : scheme === "simplo"
            ? { items: list, _meta: { page, per_page: size, total_pages: totalPages, records: items } }
            : list;
      send(res, 200, Buffer.from(JSON.stringify(body)));
    }, latencyMs);
  });
  const { url, close } = await listen(server);
  return { url, close, stats };
}
