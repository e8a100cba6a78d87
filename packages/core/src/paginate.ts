import { SpecyardError } from "./errors.js";
import { warnings, type Warn } from "./warn.js";

/** What a page says about the whole list, where its envelope says it. */
export interface PageTotals {
  /** Number of pages in the list. */
  totalPages?: number;
  /** Number of items in the list. */
  totalItems?: number;
}

/** How a vendor pages its lists. */
export interface PaginationScheme {
  /** Query parameter with the page number. */
  pageParam: string;
  /** Query parameter with the page size, if the API has one. */
  sizeParam?: string;
  /** Number of the first page. Default 1. */
  firstPage?: number;
  /** The items of one page. */
  items(body: unknown): unknown[];
  /**
   * The page's own number and the list's totals, as the page reports them. A page before
   * `totalPages` is followed by another; without `totalPages` (plain arrays), the list ends with an
   * empty page or one shorter than the page size.
   */
  totals?(body: unknown): PageTotals & { page?: number };
}

const num = (v: unknown) => (v == null || v === "" ? undefined : Number(v));
const itemsOf = (body: unknown) => {
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items : [];
};
type Totals = { page?: unknown; totalPages?: unknown; totalItemCount?: unknown; total_pages?: unknown; records?: unknown } | null | undefined;

/** `{ page, totalPages, totalItemCount, items }` envelopes (Blikk's `generic.pagedlist`). */
export const pagedEnvelope: PaginationScheme = {
  pageParam: "page",
  sizeParam: "pageSize",
  items: itemsOf,
  totals: (body) => ({ page: num((body as Totals)?.page), totalPages: num((body as Totals)?.totalPages), totalItems: num((body as Totals)?.totalItemCount) }),
};

/** Plain JSON arrays: the list ends with an empty page or one shorter than the page size (12Build). */
export const plainArrayPages: PaginationScheme = {
  pageParam: "page",
  sizeParam: "pageSize",
  items: (body) => (Array.isArray(body) ? body : []),
};

/** `{ items, _meta: { page, total_pages, records } }` (Simplo IS). */
export const metaPages: PaginationScheme = {
  pageParam: "page",
  sizeParam: "per_page",
  items: itemsOf,
  totals: (body) => {
    const meta = (body as { _meta?: Totals } | null)?._meta;
    return { page: num(meta?.page), totalPages: num(meta?.total_pages), totalItems: num(meta?.records) };
  },
};

export interface PaginateOptions {
  /** Stop after this many items; pages beyond them are not requested. */
  maxItems?: number;
  /** Stop after this many pages. Default 10 000. */
  maxPages?: number;
  /**
   * Pages requested together once a page has told the list's total (Blikk `totalPages`, Simplo
   * `_meta.total_pages`); the client's rate limiter still spaces them. Items keep their order, and at
   * most this many pages are in flight or waiting. Lists without a total (plain arrays) read one page
   * ahead. Default 4; 1 reads one page after another.
   */
  concurrency?: number;
  /**
   * A read that ends before the list's end (a page seen before, fewer items than the reported total, a stop at
   * `maxPages` with pages left): `"warn"` (default) warns through the client's logger (`console.warn` without
   * one), `"throw"` throws an `IncompleteListError`.
   */
  onIncomplete?: "warn" | "throw";
}

/** One page of `.pages()`: its items, its number and the list's totals as the page reports them. */
export interface Page<T> extends PageTotals {
  items: T[];
  /** The page number sent. */
  number: number;
}

/**
 * A paged read ended before the total its pages reported (a server that repeats a page, or fewer
 * items than the reported total). Defined here, not in errors.ts, so that clients without
 * pagination do not carry it.
 */
export class IncompleteListError extends SpecyardError {
  declare readonly operation: string;
  /** Items read. */
  declare readonly items: number;
  declare readonly totalItems?: number;
  declare readonly totalPages?: number;

  constructor(operation: string, detail: string, fields: { items: number } & PageTotals) {
    super(`${operation}: list read incompletely: ${detail}`);
    // Set here, not in a static block as in errors.ts: a static block would keep the class in bundles that never paginate.
    Object.assign(this, { name: "IncompleteListError", operation, ...fields });
  }
}

/** Async iteration over the items of a paged list, with `.pages()` for page-by-page iteration. */
export class PageIterator<T> implements AsyncIterable<T> {
  /** `pages`: yields each page (see `paginate`). */
  constructor(readonly pages: () => AsyncGenerator<Page<T>, void, undefined>) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Collects every item into an array (in linear time: each item is copied once). */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const page of this.pages()) for (const item of page.items) out.push(item);
    return out;
  }
}

/** A page request: `init`'s query with the page number, and the signal that aborts it. */
export type PageInit = { params: { query: Record<string, unknown> }; signal: AbortSignal };

/** The client's side of `paginate`: the list's path, where its warnings go and the spec's page-size maxima. */
export interface PaginateContext {
  path?: string;
  /** The client's warnings (`warnings(logger)`); without it, `logger.warn`. */
  warn?: Warn;
  logger?: { warn?(message: string): void } | false;
  /** By path (`"*"`: every paged operation) and query parameter (`ApiClientOptions.maxPageSize`). */
  maxPageSize?: Record<string, Record<string, number>>;
}

/**
 * `client.paginate()`: the pages of a list, each fetched by `fetchPage` with `init`'s query plus the
 * page number, and the spec's largest page size when the query has none. The first page is read alone; once
 * a page reports the total, up to `concurrency` following pages are in flight, yielded in page order.
 * Stops at the last page, at `maxItems`/`maxPages`, or when the server repeats a page. Leaving the loop
 * early, or a page's error, aborts the requests still in flight.
 */
export function paginate<T>(
  scheme: PaginationScheme,
  fetchPage: (init: PageInit) => Promise<unknown>,
  init: { params?: { query?: Record<string, unknown> }; signal?: AbortSignal | null } = {},
  { maxItems = Infinity, maxPages = 10_000, concurrency = 4, onIncomplete = "warn" }: PaginateOptions = {},
  { path = "", logger, warn = warnings(logger), maxPageSize = {} }: PaginateContext = {},
): PageIterator<T> {
  const { pageParam, sizeParam = "", firstPage = 1 } = scheme;
  const operation = `GET ${path}`;
  const query = { ...init.params?.query };
  // No page size given: the largest the spec documents for this operation, if it documents one.
  const max = (maxPageSize[path] ?? maxPageSize["*"])?.[sizeParam];
  if (max !== undefined) query[sizeParam] ??= max;
  const start = query[pageParam] === undefined ? firstPage : Number(query[pageParam]);
  const size = query[sizeParam] === undefined ? undefined : Number(query[sizeParam]);
  return new PageIterator<T>(async function* () {
    const ac = new AbortController();
    const abort = () => ac.abort(init.signal?.reason);
    init.signal?.addEventListener("abort", abort, { once: true });
    if (init.signal?.aborted) abort();
    /** Requests in flight or answered but not yet yielded, in page order. */
    const queue: Promise<unknown>[] = [];
    let next = start;
    const request = () => {
      const page = fetchPage({ ...init, params: { ...init.params, query: { ...query, [pageParam]: next++ } }, signal: ac.signal });
      // Awaited in order; one that fails while an earlier one is awaited must not go unhandled.
      page.catch(() => {});
      queue.push(page);
    };
    let seen = 0;
    /** Every page read so far, by a fingerprint of its body: a server that repeats any of them would be read for ever. */
    const read = new Map<number, number>();
    const incomplete = (detail: string, totals: PageTotals) => {
      const error = new IncompleteListError(operation, `${seen} items read; ${detail}`, { items: seen, ...totals });
      if (onIncomplete === "throw") throw error;
      warn(`incomplete ${operation}`, `[specyard] ${error.message}`);
    };
    try {
      request();
      for (let number = start; queue.length; number++) {
        const body = await queue.shift();
        const items = scheme.items(body) as T[];
        const { page = number, ...totals } = scheme.totals?.(body) ?? {};
        const { totalPages: last } = totals;
        // A server that ignores the page parameter, or cycles through a few pages, would otherwise be read for ever.
        const fingerprint = hash53(JSON.stringify(body) ?? "");
        const before = read.get(fingerprint);
        if (before !== undefined) return incomplete(`page ${number} repeats page ${before}`, totals);
        read.set(fingerprint, number);
        const more = last === undefined ? items.length > 0 && items.length >= (size ?? 0) : page < last;
        const yielded: Page<T> = { items: items.slice(0, maxItems - seen), number, ...totals };
        seen += items.length;
        // Known total: `concurrency` pages at once up to the last; without one, one page ahead.
        const ahead = Math.max(1, last === undefined ? Math.min(concurrency, 2) : concurrency);
        const perPage = size ?? items.length;
        while (more && queue.length < ahead && next < start + maxPages && (last === undefined || next - firstPage < last) && seen + queue.length * perPage < maxItems) {
          request();
        }
        yield yielded;
        if (seen >= maxItems) return;
        if (more && number + 1 >= start + maxPages) return incomplete(`stopped at maxPages (${maxPages})`, totals);
        if (!more) return start === firstPage && seen < (totals.totalItems ?? 0) ? incomplete(`${totals.totalItems} reported`, totals) : undefined;
      }
    } finally {
      init.signal?.removeEventListener("abort", abort);
      // Requests still in flight after a break, an error or the end (a page read ahead) are not needed.
      ac.abort();
    }
  });
}

/** A 53-bit hash of `text` (cyrb53, public domain): a page's fingerprint, so that pages already read are not kept. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
