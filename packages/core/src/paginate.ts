import { SpecyardError } from "./errors.js";

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
  /** Whether a page follows the one just read. */
  hasNext(page: { body: unknown; number: number; items: unknown[]; size: number | undefined }): boolean;
  /** The list's totals as a page reports them (none for plain arrays). */
  totals?(body: unknown): PageTotals;
}

const num = (v: unknown) => (v == null || v === "" ? undefined : Number(v));
const itemsOf = (body: unknown) => {
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items : [];
};
/** Whether `page` (or, without it, the page just read) is before `total` (false without a total). */
const before = (total: unknown, page: unknown, number: number) => (num(page) ?? number) < num(total)!;

type Envelope = { page?: unknown; totalPages?: unknown; totalItemCount?: unknown } | null;

/** `{ page, totalPages, totalItemCount, items }` envelopes (Blikk's `generic.pagedlist`). */
export const pagedEnvelope: PaginationScheme = {
  pageParam: "page",
  sizeParam: "pageSize",
  items: itemsOf,
  hasNext: ({ body, number }) => before((body as Envelope)?.totalPages, (body as Envelope)?.page, number),
  totals: (body) => ({ totalPages: num((body as Envelope)?.totalPages), totalItems: num((body as Envelope)?.totalItemCount) }),
};

/** Plain JSON arrays: the list ends with an empty page or one shorter than the page size (12Build). */
export const plainArrayPages: PaginationScheme = {
  pageParam: "page",
  sizeParam: "pageSize",
  items: (body) => (Array.isArray(body) ? body : []),
  hasNext: ({ items, size }) => items.length > 0 && (size === undefined || items.length >= size),
};

type Meta = { page?: unknown; total_pages?: unknown; records?: unknown } | undefined;
const metaOf = (body: unknown): Meta => (body as { _meta?: Meta } | null)?._meta;

/** `{ items, _meta: { page, total_pages, records } }` (Simplo IS). */
export const metaPages: PaginationScheme = {
  pageParam: "page",
  sizeParam: "per_page",
  items: itemsOf,
  hasNext: ({ body, number }) => before(metaOf(body)?.total_pages, metaOf(body)?.page, number),
  totals: (body) => ({ totalPages: num(metaOf(body)?.total_pages), totalItems: num(metaOf(body)?.records) }),
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
   * A read that ends before the list's reported total (a repeated page, fewer items than the total):
   * `"warn"` (default) logs a warning through the client's logger, `"throw"` throws an `IncompleteListError`.
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
  declare readonly totalItems: number | undefined;
  declare readonly totalPages: number | undefined;

  constructor(operation: string, detail: string, fields: { items: number } & PageTotals) {
    super(`${operation}: list read incompletely: ${detail}`);
    Object.assign(this, { operation, totalItems: undefined, totalPages: undefined, ...fields });
  }

  static {
    this.prototype.name = "IncompleteListError";
  }
}

/** Async iteration over the items of a paged list, with `.pages()` for page-by-page iteration. */
export class PageIterator<T> implements AsyncIterable<T> {
  /** `pages`: yields each page (see `paginate`). */
  constructor(readonly pages: () => AsyncGenerator<Page<T>, void, undefined>) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Collects every item into an array. */
  async toArray(): Promise<T[]> {
    let out: T[] = [];
    for await (const page of this.pages()) out = out.concat(page.items);
    return out;
  }
}

/** A page request: `init`'s query with the page number, and the signal that aborts it. */
export type PageInit = { params: { query: Record<string, unknown> }; signal: AbortSignal };

/** Where `paginate` reports: the operation (`GET /path`) and the client's logger. */
export interface PaginateContext {
  operation?: string;
  logger?: { warn?(message: string): void };
}

/**
 * `client.paginate()`: the pages of a list, each fetched by `fetchPage` with `init`'s query plus the
 * page number (a page size in the query is passed to the scheme). The first page is read alone; once
 * a page reports the total, up to `concurrency` following pages are in flight, yielded in page order.
 * Stops at the last page, at `maxItems`/`maxPages`, or when the server repeats a page. Leaving the loop
 * early, or a page's error, aborts the requests still in flight.
 */
export function paginate<T>(
  scheme: PaginationScheme,
  fetchPage: (init: PageInit) => Promise<unknown>,
  init: { params?: { query?: Record<string, unknown> }; signal?: AbortSignal | null } = {},
  { maxItems = Infinity, maxPages = 10_000, concurrency = 4, onIncomplete = "warn" }: PaginateOptions = {},
  { operation = "paginate", logger }: PaginateContext = {},
): PageIterator<T> {
  const { pageParam, sizeParam, firstPage = 1 } = scheme;
  const query = init.params?.query ?? {};
  const start = query[pageParam] === undefined ? firstPage : Number(query[pageParam]);
  const size = sizeParam && query[sizeParam] !== undefined ? Number(query[sizeParam]) : undefined;
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
    let previous: string | undefined;
    const incomplete = (detail: string, totals: PageTotals) => {
      const error = new IncompleteListError(operation, detail, { items: seen, ...totals });
      if (onIncomplete === "throw") throw error;
      logger?.warn?.(`[specyard] ${error.message}`);
    };
    try {
      request();
      for (let number = start; queue.length; number++) {
        const body = await queue.shift();
        const items = scheme.items(body) as T[];
        const totals = scheme.totals?.(body) ?? {};
        // A server that ignores the page parameter would otherwise be read forever.
        const fingerprint = JSON.stringify(body);
        if (fingerprint === previous) return incomplete(`page ${number} repeats page ${number - 1} after ${seen} items`, totals);
        previous = fingerprint;
        const more = scheme.hasNext({ body, number, items, size });
        const page: Page<T> = { items: items.slice(0, maxItems - seen), number, ...totals };
        seen += items.length;
        if (more) {
          // Known total: `concurrency` pages at once up to the last; without one, one page ahead.
          const last = totals.totalPages === undefined ? Infinity : totals.totalPages + firstPage - 1;
          const ahead = Math.max(1, last === Infinity ? Math.min(concurrency, 2) : concurrency);
          const perPage = size ?? items.length;
          while (queue.length < ahead && next <= last && next - start < maxPages && seen + queue.length * perPage < maxItems) request();
        }
        yield page;
        if (seen >= maxItems) return;
        if (!more && start === firstPage && totals.totalItems !== undefined && seen < totals.totalItems) {
          return incomplete(`the last page (${number}) ends after ${seen} of ${totals.totalItems} items`, totals);
        }
        if (!more) return;
      }
    } finally {
      init.signal?.removeEventListener("abort", abort);
      // Requests still in flight after a break, an error or the end (a page read ahead) are not needed.
      ac.abort();
    }
  });
}
