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
}

const num = (v: unknown) => (v == null || v === "" ? undefined : Number(v));
const itemsOf = (body: unknown) => {
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items : [];
};
/** Whether `page` (or, without it, the page just read) is before `total` (false without a total). */
const before = (total: unknown, page: unknown, number: number) => (num(page) ?? number) < num(total)!;

/** `{ page, totalPages, items }` envelopes (Blikk's `generic.pagedlist`). */
export const pagedEnvelope: PaginationScheme = {
  pageParam: "page",
  sizeParam: "pageSize",
  items: itemsOf,
  hasNext: ({ body, number }) => before((body as { totalPages?: unknown }).totalPages, (body as { page?: unknown }).page, number),
};

/** Plain JSON arrays: the list ends with an empty page or one shorter than the page size (12Build). */
export const plainArrayPages: PaginationScheme = {
  pageParam: "page",
  sizeParam: "pageSize",
  items: (body) => (Array.isArray(body) ? body : []),
  hasNext: ({ items, size }) => items.length > 0 && (size === undefined || items.length >= size),
};

/** `{ items, _meta: { page, total_pages } }` (Simplo IS). */
export const metaPages: PaginationScheme = {
  pageParam: "page",
  sizeParam: "per_page",
  items: itemsOf,
  hasNext: ({ body, number }) => {
    const meta = (body as { _meta?: { page?: unknown; total_pages?: unknown } } | null)?._meta;
    return before(meta?.total_pages, meta?.page, number);
  },
};

export interface PaginateOptions {
  /** Stop after this many items. */
  maxItems?: number;
  /** Stop after this many pages. Default 10 000. */
  maxPages?: number;
}

/** Fetches page `n`; throws on an error answer. */
export type PageFetcher = (page: number, size: number | undefined) => Promise<unknown>;

/** Async iteration over the items of a paged list, with `.pages()` for page-by-page iteration. */
export class PageIterator<T> implements AsyncIterable<T> {
  /** `pages`: yields each page's items (see `paginate`). */
  constructor(readonly pages: () => AsyncGenerator<T[], void, undefined>) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page;
  }

  /** Collects every item into an array. */
  async toArray(): Promise<T[]> {
    let out: T[] = [];
    for await (const page of this.pages()) out = out.concat(page);
    return out;
  }
}

/**
 * `client.paginate()`: the pages of a list, each fetched by `fetchPage` with `init`'s query plus the page
 * number (a page size in the query is passed to the scheme). Stops at the last page, at
 * `maxItems`/`maxPages`, or when the server repeats a page.
 */
export function paginate<T>(
  scheme: PaginationScheme,
  fetchPage: (init: { params: { query: Record<string, unknown> } }) => Promise<unknown>,
  init: { params?: { query?: Record<string, unknown> } } = {},
  { maxItems = Infinity, maxPages = 10_000 }: PaginateOptions = {},
): PageIterator<T> {
  const { pageParam, sizeParam } = scheme;
  const query = init.params?.query ?? {};
  const start = query[pageParam];
  const size = sizeParam && query[sizeParam] !== undefined ? Number(query[sizeParam]) : undefined;
  return new PageIterator<T>(async function* () {
    let number = start === undefined ? (scheme.firstPage ?? 1) : Number(start);
    let seen = 0;
    let previous: string | undefined;
    for (let pages = 0; pages < maxPages && seen < maxItems; pages++, number++) {
      const body = await fetchPage({ ...init, params: { ...init.params, query: { ...query, [pageParam]: number } } });
      const items = scheme.items(body) as T[];
      // A server that ignores the page parameter would otherwise be read forever.
      const fingerprint = JSON.stringify(body);
      if (fingerprint === previous) return;
      previous = fingerprint;
      yield items.slice(0, maxItems - seen);
      seen += items.length;
      if (!scheme.hasNext({ body, number, items, size })) return;
    }
  });
}
