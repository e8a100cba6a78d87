import { describe, expect, it } from "vitest";
import { createApiClient, metaPages, pagedEnvelope, plainArrayPages, type PaginationScheme } from "../src/index.js";
import { json, server } from "./helpers.js";
import type { LooseRoutes } from "./helpers.js";

const ITEMS = Array.from({ length: 5 }, (_, i) => ({ id: i + 1 }));

async function paged(scheme: PaginationScheme, page: (n: number, size: number) => unknown) {
  const s = await server((req, res) => {
    const q = new URL(req.url, "http://x").searchParams;
    json(res, 200, page(Number(q.get("page")), Number(q.get(scheme.sizeParam!) || 2)));
  });
  return { s, c: createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, pagination: scheme }) };
}

const slice = (n: number, size: number) => ITEMS.slice((n - 1) * size, n * size);

describe("paginate", () => {
  it("Blikk envelopes: follows page/totalPages to the end", async () => {
    const { s, c } = await paged(pagedEnvelope, (n, size) => ({ page: n, pageSize: size, totalPages: 3, items: slice(n, size) }));
    const items = await c.paginate("/list", { params: { query: { pageSize: 2 } } }).toArray();
    expect(items).toEqual(ITEMS);
    expect(s.requests.map((r) => r.url)).toEqual(["/list?pageSize=2&page=1", "/list?pageSize=2&page=2", "/list?pageSize=2&page=3"]);
  });

  it("12Build plain arrays: stops on a short page", async () => {
    const { s, c } = await paged(plainArrayPages, (n, size) => slice(n, size));
    expect(await c.paginate("/projects", { params: { query: { pageSize: 2 } } }).toArray()).toEqual(ITEMS);
    expect(s.requests).toHaveLength(3);
  });

  it("12Build plain arrays: stops on an empty page", async () => {
    const { s, c } = await paged(plainArrayPages, (n) => (n <= 2 ? slice(n, 2) : []));
    expect(await c.paginate("/projects", { params: { query: { pageSize: 2 } } }).toArray()).toEqual(ITEMS.slice(0, 4));
    expect(s.requests).toHaveLength(3);
  });

  it("Simplo _meta: follows page/total_pages", async () => {
    const { s, c } = await paged(metaPages, (n, size) => ({ items: slice(n, size), _meta: { page: n, total_pages: 3, records: 5, per_page: size } }));
    const pages: unknown[][] = [];
    for await (const p of c.paginate("/api/v0/reports", { params: { query: { per_page: 2 } } }).pages()) pages.push(p);
    expect(pages).toEqual([ITEMS.slice(0, 2), ITEMS.slice(2, 4), ITEMS.slice(4)]);
    expect(s.requests).toHaveLength(3);
  });

  it("maxItems caps the items and the requests", async () => {
    const { s, c } = await paged(pagedEnvelope, (n, size) => ({ page: n, totalPages: 3, items: slice(n, size) }));
    expect(await c.paginate("/list", { params: { query: { pageSize: 2 } } }, { maxItems: 3 }).toArray()).toEqual(ITEMS.slice(0, 3));
    expect(s.requests).toHaveLength(2);
  });

  it("a server that repeats the same page does not loop forever", async () => {
    const { s, c } = await paged(pagedEnvelope, () => ({ page: 1, totalPages: 99, items: ITEMS.slice(0, 2) }));
    expect(await c.paginate("/list").toArray()).toEqual(ITEMS.slice(0, 2));
    expect(s.requests).toHaveLength(2);
  });

  it("an error page throws a typed error", async () => {
    const s = await server((_req, res) => json(res, 404, { message: "gone" }));
    const c = createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, pagination: pagedEnvelope });
    await expect(c.paginate("/list").toArray()).rejects.toMatchObject({ name: "NotFoundError", status: 404, operation: "GET /list" });
  });
});
