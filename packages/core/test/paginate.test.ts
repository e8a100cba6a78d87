import { describe, expect, it, vi } from "vitest";
import {
  IncompleteListError,
  ServerError,
  createApiClient,
  metaPages,
  paginate,
  pagedEnvelope,
  plainArrayPages,
  type ApiClientOptions,
  type PaginationScheme,
} from "../src/index.js";
import { json, server } from "./helpers.js";
import type { LooseRoutes } from "./helpers.js";

/** A route table whose lists hold `{ id }` items, so tests read items typed. */
type ListRoutes = {
  get: Record<string, { input: { params?: { query?: Record<string, unknown> } }; required: false; data: { items: { id: number }[] }; error: unknown }>;
};

const ITEMS = Array.from({ length: 5 }, (_, i) => ({ id: i + 1 }));

async function paged(scheme: PaginationScheme, page: (n: number, size: number) => unknown, extra: Omit<Partial<ApiClientOptions>, "throwOnError"> = {}) {
  const s = await server((req, res) => {
    const q = new URL(req.url, "http://x").searchParams;
    json(res, 200, page(Number(q.get("page")), Number(q.get(scheme.sizeParam!) || 2)));
  });
  return { s, c: createApiClient<ListRoutes>({ baseUrl: s.baseUrl, pagination: scheme, ...extra }) };
}

const slice = (n: number, size: number) => ITEMS.slice((n - 1) * size, n * size);

/** A logger that keeps its warnings. */
const warnings = () => {
  const lines: string[] = [];
  return { lines, logger: { warn: (m: string) => void lines.push(m) } };
};

describe("paginate", () => {
  it("Blikk envelopes: follows page/totalPages to the end", async () => {
    const { s, c } = await paged(pagedEnvelope, (n, size) => ({ page: n, pageSize: size, totalPages: 3, items: slice(n, size) }));
    const items = await c.paginate("/list", { params: { query: { pageSize: 2 } } }).toArray();
    expect(items).toEqual(ITEMS);
    expect(s.requests.map((r) => r.url).sort()).toEqual(["/list?pageSize=2&page=1", "/list?pageSize=2&page=2", "/list?pageSize=2&page=3"]);
  });

  it("12Build plain arrays: stops on a short page", async () => {
    const { s, c } = await paged(plainArrayPages, (n, size) => slice(n, size));
    expect(await c.paginate("/projects", { params: { query: { pageSize: 2 } } }, { concurrency: 1 }).toArray()).toEqual(ITEMS);
    expect(s.requests).toHaveLength(3);
  });

  it("12Build plain arrays: stops on an empty page", async () => {
    const { s, c } = await paged(plainArrayPages, (n) => (n <= 2 ? slice(n, 2) : []));
    expect(await c.paginate("/projects", { params: { query: { pageSize: 2 } } }, { concurrency: 1 }).toArray()).toEqual(ITEMS.slice(0, 4));
    expect(s.requests).toHaveLength(3);
  });

  it("12Build plain arrays (no total): reads one page ahead, in order, at most two pages in flight", async () => {
    const ids = Array.from({ length: 9 }, (_, i) => ({ id: i + 1 }));
    let inFlight = 0;
    let most = 0;
    const s = await server((req, res) => {
      const n = Number(new URL(req.url, "http://x").searchParams.get("page"));
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        json(res, 200, ids.slice((n - 1) * 2, n * 2));
      }, 20);
    });
    const c = createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, pagination: plainArrayPages });
    expect(await c.paginate("/projects", { params: { query: { pageSize: 2 } } }).toArray()).toEqual(ids);
    expect(most).toBe(2);
    // pages 1-5 hold the list (5 is short); page 6 may have been read ahead (and aborted), no further
    const asked = s.requests.map((r) => new URL(r.url, "http://x").searchParams.get("page"));
    expect(asked.slice(0, 5)).toEqual(["1", "2", "3", "4", "5"]);
    expect(asked.length).toBeLessThanOrEqual(6);
  });

  it("Simplo _meta: follows page/total_pages; .pages() gives each page's number and the reported totals", async () => {
    const { s, c } = await paged(metaPages, (n, size) => ({ items: slice(n, size), _meta: { page: n, total_pages: 3, records: 5, per_page: size } }));
    const pages: unknown[] = [];
    for await (const p of c.paginate("/api/v0/reports", { params: { query: { per_page: 2 } } }).pages()) pages.push(p);
    expect(pages).toEqual([
      { number: 1, items: ITEMS.slice(0, 2), totalPages: 3, totalItems: 5 },
      { number: 2, items: ITEMS.slice(2, 4), totalPages: 3, totalItems: 5 },
      { number: 3, items: ITEMS.slice(4), totalPages: 3, totalItems: 5 },
    ]);
    expect(s.requests).toHaveLength(3);
  });

  it("maxItems caps the items and the requests", async () => {
    const { s, c } = await paged(pagedEnvelope, (n, size) => ({ page: n, totalPages: 3, items: slice(n, size) }));
    expect(await c.paginate("/list", { params: { query: { pageSize: 2 } } }, { maxItems: 3 }).toArray()).toEqual(ITEMS.slice(0, 3));
    expect(s.requests).toHaveLength(2);
  });

  it("a server that repeats the same page does not loop forever, and the short read is logged as a warning", async () => {
    const { lines, logger } = warnings();
    const { s, c } = await paged(pagedEnvelope, () => ({ page: 1, totalPages: 99, items: ITEMS.slice(0, 2) }), { logger });
    expect(await c.paginate("/list", {}, { concurrency: 1 }).toArray()).toEqual(ITEMS.slice(0, 2));
    expect(s.requests).toHaveLength(2);
    expect(lines).toEqual(["[specyard] GET /list: list read incompletely: 2 items read; page 2 repeats page 1"]);
  });

  it('onIncomplete: "throw": a repeated page throws IncompleteListError after the pages before it', async () => {
    const { c } = await paged(metaPages, () => ({ items: ITEMS.slice(0, 1), _meta: { page: 1, total_pages: 5, records: 5 } }));
    const seen: number[] = [];
    const read = async () => {
      for await (const item of c.paginate("/api/v0/reports", {}, { onIncomplete: "throw" })) seen.push(item.id);
    };
    const error = await read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteListError);
    expect(error).toMatchObject({ name: "IncompleteListError", operation: "GET /api/v0/reports", items: 1, totalItems: 5, totalPages: 5 });
    expect(seen).toEqual([1]);
  });

  it("fewer items than the reported total: a warning, or IncompleteListError with onIncomplete: throw", async () => {
    const { lines, logger } = warnings();
    const body = (n: number, size: number) => ({ page: n, totalPages: 3, totalItemCount: 8, items: slice(n, size) });
    const { c } = await paged(pagedEnvelope, body, { logger });
    expect(await c.paginate("/list", { params: { query: { pageSize: 2 } } }).toArray()).toEqual(ITEMS);
    expect(lines).toEqual(["[specyard] GET /list: list read incompletely: 5 items read; 8 reported"]);
    await expect(c.paginate("/list", { params: { query: { pageSize: 2 } } }, { onIncomplete: "throw" }).toArray()).rejects.toMatchObject({
      name: "IncompleteListError",
      items: 5,
      totalItems: 8,
    });
    // a read that ends at maxItems is what the caller asked for: no warning
    await c.paginate("/list", { params: { query: { pageSize: 2 } } }, { maxItems: 3 }).toArray();
    expect(lines).toHaveLength(1);
  });

  it("an error page throws a typed error", async () => {
    const s = await server((_req, res) => json(res, 404, { message: "gone" }));
    const c = createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, pagination: pagedEnvelope });
    await expect(c.paginate("/list").toArray()).rejects.toMatchObject({ name: "NotFoundError", status: 404, operation: "GET /list" });
  });

  it("sends the spec's largest page size when the caller gives none, and the caller's when given", async () => {
    const { s, c } = await paged(pagedEnvelope, (n, size) => ({ page: n, totalPages: 1, items: slice(n, size) }), {
      maxPageSize: { "/list": { pageSize: 100 } },
    });
    await c.paginate("/list").toArray();
    await c.paginate("/list", { params: { query: { pageSize: 2 } } }).toArray();
    await c.paginate("/other").toArray();
    // "*": the same maximum for every paged operation (how the generator writes a uniform spec)
    const all = createApiClient<ListRoutes>({ baseUrl: s.baseUrl, pagination: pagedEnvelope, maxPageSize: { "*": { pageSize: 50 } } });
    await all.paginate("/other").toArray();
    expect(s.requests.map((r) => r.url)).toEqual(["/list?pageSize=100&page=1", "/list?pageSize=2&page=1", "/other?page=1", "/other?pageSize=50&page=1"]);
  });
});

/**
 * A Blikk-like list of `total` items behind a strict limit: a request (any) that arrives within
 * `windowMs` of `limit` others gets a 429. Answers after `latencyMs` (or `latencyMs(page)`); `fail(page)` answers 500.
 * Records what it answered, what it refused and which requests the client aborted.
 */
async function limitedList(o: { total: number; limit: number; windowMs: number; latencyMs: number | ((page: number) => number); fail?: (page: number) => boolean }) {
  const answered: number[] = [];
  const aborted: number[] = [];
  const arrivals: number[] = [];
  let refused = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  const s = await server((req, res) => {
    const at = req.at;
    const page = Number(new URL(req.url, "http://x").searchParams.get("page"));
    const size = Number(new URL(req.url, "http://x").searchParams.get("pageSize") ?? 25);
    const tooMany = arrivals.filter((t) => at - t < o.windowMs).length >= o.limit;
    arrivals.push(at);
    if (tooMany) {
      refused++;
      return json(res, 429, { message: "Too many requests", waitInSeconds: o.windowMs / 1000 });
    }
    mostInFlight = Math.max(mostInFlight, ++inFlight);
    res.on("close", () => {
      inFlight--;
      if (!res.writableFinished) aborted.push(page);
    });
    setTimeout(() => {
      if (res.destroyed) return;
      if (o.fail?.(page)) return json(res, 500, { message: "boom" });
      answered.push(page);
      const ids = Array.from({ length: Math.max(0, Math.min(size, o.total - (page - 1) * size)) }, (_, i) => ({ id: (page - 1) * size + i + 1 }));
      json(res, 200, { page, pageSize: size, totalItemCount: o.total, totalPages: Math.ceil(o.total / size), items: ids });
    }, typeof o.latencyMs === "number" ? o.latencyMs : o.latencyMs(page));
  });
  return { s, answered, aborted, refused: () => refused, mostInFlight: () => mostInFlight };
}

/** Scaled down from Blikk's 4 per second to keep the tests short; the limiter logic is the same. */
const LIMIT = { limit: 4, windowMs: 250 };
let keys = 0;
const limitedClient = (baseUrl: string) =>
  createApiClient<ListRoutes>({
    baseUrl,
    pagination: pagedEnvelope,
    maxPageSize: { "/v1/Core/Contacts": { pageSize: 100 } },
    rateLimit: { ...LIMIT, key: `paginate-test-${++keys}` },
    retry: false,
  });
const pageNumbers = (urls: string[]) => urls.map((u) => Number(new URL(u, "http://x").searchParams.get("page")));
const settle = () => new Promise((r) => setTimeout(r, 150));

describe("paginate: pages in flight together, within the client's rate limit", () => {
  it("reads 2,000 items in 20 pages of 100, in order, no duplicates, 0 × 429", async () => {
    const l = await limitedList({ total: 2000, ...LIMIT, latencyMs: 30 });
    const ids: number[] = [];
    for await (const item of limitedClient(l.s.baseUrl).paginate("/v1/Core/Contacts")) ids.push(item.id);
    expect(ids).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    expect(l.s.requests).toHaveLength(20);
    expect(l.refused()).toBe(0);
    expect(new Set(pageNumbers(l.s.requests.map((r) => r.url))).size).toBe(20);
    // several pages were in flight together (the limiter allows 4 per window)
    expect(l.mostInFlight()).toBeGreaterThan(1);
    expect(l.mostInFlight()).toBeLessThanOrEqual(4);
  });

  it("a failure on page 7 of 20 throws its typed error after pages 1-6 were yielded, aborting the pages in flight", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => void unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      // pages after 7 answer slowly, so they are still in flight when page 7 fails
      const l = await limitedList({ total: 500, limit: 100, windowMs: 1000, latencyMs: (p) => (p > 7 ? 400 : 20), fail: (p) => p === 7 });
      const c = limitedClient(l.s.baseUrl);
      const pages: number[] = [];
      const read = async () => {
        for await (const page of c.paginate("/v1/Core/Contacts", { params: { query: { pageSize: 25 } } }).pages()) pages.push(page.number);
      };
      const error = await read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServerError);
      expect(error).toMatchObject({ status: 500, operation: "GET /v1/Core/Contacts" });
      expect(pages).toEqual([1, 2, 3, 4, 5, 6]);
      await settle();
      // with 4 in flight, at most pages 8-10 had been asked for; each was aborted, none answered
      const asked = pageNumbers(l.s.requests.map((r) => r.url));
      expect(Math.max(...asked)).toBeLessThanOrEqual(10);
      expect(l.aborted.sort()).toEqual(asked.filter((p) => p > 7).sort());
      expect(l.aborted.length).toBeGreaterThan(0);
      expect(l.answered.every((p) => p < 7)).toBe(true);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("break after 150 items aborts the pages in flight and requests no more; at most `concurrency` pages ahead", async () => {
    // pages after 6 answer slowly, so they are still in flight at the break
    const l = await limitedList({ total: 2000, limit: 100, windowMs: 1000, latencyMs: (p) => (p > 6 ? 400 : 20) });
    const c = limitedClient(l.s.baseUrl);
    const ids: number[] = [];
    for await (const page of c.paginate("/v1/Core/Contacts", { params: { query: { pageSize: 25 } } }, { concurrency: 3 }).pages()) {
      // never more than `concurrency` pages requested beyond the one being read
      expect(l.s.requests.length).toBeLessThanOrEqual(page.number + 3);
      await new Promise((r) => setTimeout(r, 30)); // a slow consumer
      ids.push(...page.items.map((i) => i.id));
      if (ids.length >= 150) break;
    }
    expect(ids).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    const asked = l.s.requests.length;
    expect(asked).toBeLessThanOrEqual(6 + 3);
    await settle();
    expect(l.s.requests).toHaveLength(asked);
    expect(l.aborted.sort()).toEqual(pageNumbers(l.s.requests.map((r) => r.url)).filter((p) => p > 6).sort());
    expect(l.aborted.length).toBeGreaterThan(0);
  });

  it("maxItems and maxPages stop without requesting pages that would not be used", async () => {
    const l = await limitedList({ total: 2000, limit: 100, windowMs: 1000, latencyMs: 10 });
    const c = limitedClient(l.s.baseUrl);
    expect(await c.paginate("/v1/Core/Contacts", { params: { query: { pageSize: 25 } } }, { maxItems: 60 }).toArray()).toHaveLength(60);
    expect(pageNumbers(l.s.requests.map((r) => r.url)).sort()).toEqual([1, 2, 3]);
    expect(await c.paginate("/v1/Core/Contacts", { params: { query: { pageSize: 25 } } }, { maxPages: 2 }).toArray()).toHaveLength(50);
    expect(l.s.requests).toHaveLength(5);
  });

  it("concurrency: 1 is the sequential read: the same requests, each sent after the previous answer", async () => {
    const l = await limitedList({ total: 7, ...LIMIT, latencyMs: 10 });
    const ids = await limitedClient(l.s.baseUrl).paginate("/v1/Core/Contacts", { params: { query: { pageSize: 2, sortBy: "name" } } }, { concurrency: 1 }).toArray();
    expect(ids.map((i) => i.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(l.s.requests.map((r) => r.url)).toEqual([
      "/v1/Core/Contacts?pageSize=2&sortBy=name&page=1",
      "/v1/Core/Contacts?pageSize=2&sortBy=name&page=2",
      "/v1/Core/Contacts?pageSize=2&sortBy=name&page=3",
      "/v1/Core/Contacts?pageSize=2&sortBy=name&page=4",
    ]);
    expect(l.mostInFlight()).toBe(1);
    expect(l.refused()).toBe(0);
  });
});

describe("paginate: no silent stop", () => {
  it('a stop at maxPages before the last page: IncompleteListError with onIncomplete: "throw", a warning by default', async () => {
    const { lines, logger } = warnings();
    const body = (n: number) => ({ page: n, totalPages: 5, totalItemCount: 5, items: [{ id: n }] });
    const { c } = await paged(pagedEnvelope, body, { logger });
    await expect(c.paginate("/list", {}, { maxPages: 2, onIncomplete: "throw" }).toArray()).rejects.toMatchObject({ name: "IncompleteListError", items: 2 });
    expect(await c.paginate("/list", {}, { maxPages: 2 }).toArray()).toEqual([{ id: 1 }, { id: 2 }]);
    expect(lines).toEqual(["[specyard] GET /list: list read incompletely: 2 items read; stopped at maxPages (2)"]);
    // Without totals (plain arrays): a full page at maxPages means there is more.
    const arrays = await paged(plainArrayPages, (n) => [{ id: 2 * n - 1 }, { id: 2 * n }]);
    await expect(arrays.c.paginate("/list", {}, { maxPages: 3, onIncomplete: "throw" }).toArray()).rejects.toBeInstanceOf(IncompleteListError);
  });

  it("a server that alternates two pages (A, B, A, B, ...): detected at the first page seen before, not at maxPages", async () => {
    const { lines, logger } = warnings();
    const { s, c } = await paged(pagedEnvelope, (n) => ({ page: 2 - (n % 2), totalPages: 99, items: [{ id: 2 - (n % 2) }] }), { logger });
    expect(await c.paginate("/list", {}, { concurrency: 1 }).toArray()).toEqual([{ id: 1 }, { id: 2 }]);
    expect(s.requests).toHaveLength(3);
    expect(lines).toEqual(["[specyard] GET /list: list read incompletely: 2 items read; page 3 repeats page 1"]);
  });

  it("warnings go to console.warn when no logger is given, once per cause; logger: false silences them", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const body = (n: number) => ({ page: n, totalPages: 5, items: [{ id: n }] });
      const { c } = await paged(pagedEnvelope, body);
      await c.paginate("/list", {}, { maxPages: 2 }).toArray();
      await c.paginate("/list", {}, { maxPages: 2 }).toArray();
      expect(warn.mock.calls).toEqual([["[specyard] GET /list: list read incompletely: 2 items read; stopped at maxPages (2)"]]);
      const quiet = await paged(pagedEnvelope, body, { logger: false });
      await quiet.c.paginate("/list", {}, { maxPages: 2 }).toArray();
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("toArray", () => {
  it("is linear: 4,000 pages of 100 items collect about as fast as a for await over them", async () => {
    const PAGES = 4000;
    const page = async ({ params }: { params: { query: Record<string, unknown> } }) => {
      const n = Number(params.query.page);
      return { page: n, totalPages: PAGES, items: Array.from({ length: 100 }, (_, i) => n * 100 + i) };
    };
    const list = () => paginate<number>(pagedEnvelope, page, {}, { concurrency: 8 });
    let t = performance.now();
    let counted = 0;
    for await (const _ of list()) counted++;
    const iterated = performance.now() - t;
    t = performance.now();
    const all = await list().toArray();
    const collected = performance.now() - t;
    expect(counted).toBe(PAGES * 100);
    expect(all).toHaveLength(PAGES * 100);
    expect(all[123_456]).toBe(123_456 + 100);
    console.log(`4,000 pages × 100 items: for await ${iterated.toFixed(0)} ms, toArray ${collected.toFixed(0)} ms`);
    expect(collected).toBeLessThan(3 * iterated + 500);
  }, 120_000);
});
