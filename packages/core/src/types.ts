import type { BodySerializer, HeadersOptions, Middleware, QuerySerializer, QuerySerializerOptions } from "openapi-fetch";
import type {
  ErrorResponse,
  IsOperationRequestBodyOptional,
  MediaType,
  OperationRequestBodyContent,
  RequiredKeysOf,
  SuccessResponse,
} from "openapi-typescript-helpers";
import type { PageIterator, PaginateOptions } from "./paginate.js";
import type { RawErrorBody } from "./shared.js";
import type { CallOptions } from "./transport.js";

/**
 * One operation of a vendor's route table (`src/generated/routes.ts`, written by scripts/generate.mjs
 * from the spec): what a call takes and what it answers, as plain lookups into openapi-typescript's
 * `operations`. Client methods are typed by one index into the table, so a call type-checks as an
 * assignability check rather than a chain of conditional types.
 */
export interface Route {
  /** `params` and `body`, each required or optional as the spec says. */
  input: object;
  /** Whether the call's init argument is required (a required parameter or a required body). */
  required: boolean;
  /** The body of a success answer (every 2xx media type; `undefined` for a 2xx without content). */
  data: unknown;
  /** What `error` holds on a non-2xx answer: `ErrorResult` of the declared error bodies, never falsy. */
  error: unknown;
}

/**
 * The `error` of a route whose declared error bodies are `E` (`undefined` for an error response without
 * content, `unknown` when the spec declares none or any JSON value): the declared object bodies, or a
 * `RawErrorBody`. Every member is an object, so `if (error)` narrows `data`.
 */
export type ErrorResult<E> = (unknown extends E ? object : Extract<E, object>) | RawErrorBody;

/**
 * An operation's `parameters` with the path and query fields named in `N` also accepting numbers
 * (`N[location][name]`: the extra type, or `[extra]` for each element of an array). The route table
 * writes it for digit-string parameters (scripts/lib/routes.mjs); `RoutesOf<paths>` cannot see patterns.
 */
export type LiberalParams<P, N> = { [K in keyof P]: K extends keyof N ? Liberal<P[K], N[K]> : P[K] };
type Liberal<L, N> = L extends object ? { [F in keyof L]: F extends keyof N ? OrNumber<L[F], N[F]> : L[F] } : L;
type OrNumber<T, N> = N extends [infer E] ? (T extends readonly (infer X)[] ? (X | E)[] : T) : T | N;

/** Lower-case HTTP method → path → operation. */
export type Routes = { [M in HttpMethod]?: Record<string, Route> };
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

type ParamsInput<Op> = Op extends { parameters: infer P } ? (RequiredKeysOf<P> extends never ? { params?: P } : { params: P }) : { params?: never };
type BodyInput<Op> = [OperationRequestBodyContent<Op>] extends [never]
  ? { body?: never }
  : IsOperationRequestBodyOptional<Op> extends true
    ? { body?: NonNullable<OperationRequestBodyContent<Op>> }
    : { body: OperationRequestBodyContent<Op> };
/** The route of one openapi-typescript operation, computed by the type checker. */
export type RouteOf<Op> = {
  input: ParamsInput<Op> & BodyInput<Op>;
  required: RequiredKeysOf<ParamsInput<Op> & BodyInput<Op>> extends never ? false : true;
  data: Op extends { responses: infer R extends Record<string | number, any> } ? SuccessResponse<R, MediaType> : unknown;
  error: ErrorResult<Op extends { responses: infer R extends Record<string | number, any> } ? ErrorResponse<R, MediaType> : unknown>;
};
/**
 * A route table computed from openapi-typescript's `paths` alone, for APIs without a generated
 * `routes.ts` (`createApiClient<RoutesOf<paths>>(...)`). It types calls the same way, but every
 * operation used costs the checker a chain of conditional types; the vendor packages ship generated tables.
 */
export type RoutesOf<Paths> = {
  [M in HttpMethod]: {
    [P in keyof Paths as Paths[P] extends { [K in M]: {} } ? P : never]: Paths[P] extends { [K in M]: infer Op } ? RouteOf<Op> : never;
  };
};

/** Every error a route table declares, `RawErrorBody` included: what a result's `error` or an `ApiError`'s `body` can be. */
export type ErrorBodyOf<R extends Routes> = {
  [M in keyof R]: { [P in keyof R[M]]: R[M][P] extends { error: infer E } ? E : never }[keyof R[M]];
}[keyof R];

/** How openapi-fetch reads a body (`parseAs`), and what it yields. */
export interface BodyTypes<Json> {
  json: Json;
  text: string;
  blob: Blob;
  arrayBuffer: ArrayBuffer;
  stream: ReadableStream<Uint8Array> | null;
}
export type ParseAs = keyof BodyTypes<unknown>;

/** What every call accepts besides `params` and `body`: openapi-fetch's request options, `RequestInit` and the runtime's per-call options. */
export type RequestOptions<As extends ParseAs = ParseAs> = Omit<RequestInit, "body" | "headers"> &
  CallOptions & {
    baseUrl?: string;
    headers?: HeadersOptions;
    querySerializer?: QuerySerializer<any> | QuerySerializerOptions;
    bodySerializer?: BodySerializer<any>;
    /** How to read a success body: `"arrayBuffer"`/`"blob"` for downloads. Default `"json"` (text when not JSON). */
    parseAs?: As;
    middleware?: Middleware[];
  };

/** The init argument of a call of route `R`. */
export type Init<R extends Route, As extends ParseAs> = R["input"] & RequestOptions<As>;
type InitArgs<R extends Route, As extends ParseAs> = R["required"] extends true ? [init: Init<R, As>] : [init?: Init<R, As>];

/** `{ data }` on success, `{ error }` otherwise, with the raw `response` either way. */
export type FetchResult<R extends Route, As extends ParseAs> =
  | { data: BodyTypes<R["data"]>[As]; error?: never; response: Response }
  | { data?: never; error: R["error"]; response: Response };

/** A success body that is always there (a client built with `throwOnError: true`). */
type Present<D> = [NonNullable<D>] extends [never] ? D : NonNullable<D>;
export type ThrowingResult<R extends Route, As extends ParseAs> = { data: Present<BodyTypes<R["data"]>[As]>; error?: never; response: Response };

/** `client.GET(path, init)`, `client.POST(...)`, ...: one method per HTTP method the API uses. */
export type RouteMethod<T extends Record<string, Route>, Throws extends boolean> = <P extends keyof T & string, As extends ParseAs = "json">(
  url: P,
  ...init: InitArgs<T[P], As>
) => Promise<Throws extends true ? ThrowingResult<T[P], As> : FetchResult<T[P], As>>;

type Table<R extends Routes, M extends HttpMethod> = R[M] extends Record<string, Route> ? R[M] : {};
type At<T, P extends keyof T> = Extract<T[P], Route>;

/** The query parameters of a GET route. */
type QueryOf<R> = R extends { input: { params?: { query?: infer Q } } } ? NonNullable<Q> : never;

/** The item type of a paged answer: a plain array's element, or the element of its `items`. */
export type ItemOf<Body> = Body extends readonly (infer E)[]
  ? E
  : Body extends { items?: infer I }
    ? NonNullable<I> extends readonly (infer E)[]
      ? E
      : never
    : never;

/** GET paths that take a `page` query parameter. */
export type PaginatedPath<R extends Routes> = {
  [P in keyof Table<R, "get">]: "page" extends keyof QueryOf<Table<R, "get">[P]> ? P : never;
}[keyof Table<R, "get">] &
  string;

/** The GET options of a paged operation, with the page number left to the paginator. */
export type PaginateInit<Op extends Route> = Omit<Init<Op, "json">, "params"> & {
  params?: Omit<NonNullable<Op["input"] extends { params?: infer P } ? P : never>, "query"> & {
    query?: Omit<QueryOf<Op>, "page"> & { page?: number };
  };
};

/**
 * A typed client on the shared runtime (openapi-fetch underneath). `Throws` is `true` for clients built
 * with `throwOnError: true`: their calls resolve only on success (with `data`), and reject with a typed
 * `ApiError` otherwise.
 */
export interface ApiClient<R extends Routes, Throws extends boolean = false> {
  GET: RouteMethod<Table<R, "get">, Throws>;
  PUT: RouteMethod<Table<R, "put">, Throws>;
  POST: RouteMethod<Table<R, "post">, Throws>;
  DELETE: RouteMethod<Table<R, "delete">, Throws>;
  PATCH: RouteMethod<Table<R, "patch">, Throws>;
  HEAD: RouteMethod<Table<R, "head">, Throws>;
  OPTIONS: RouteMethod<Table<R, "options">, Throws>;
  TRACE: RouteMethod<Table<R, "trace">, Throws>;
  /** Any method by name: `client.request("get", "/path", init)`. */
  request<M extends HttpMethod & keyof R, P extends keyof Table<R, M> & string, As extends ParseAs = "json">(
    method: M,
    url: P,
    ...init: InitArgs<At<Table<R, M>, P>, As>
  ): Promise<Throws extends true ? ThrowingResult<At<Table<R, M>, P>, As> : FetchResult<At<Table<R, M>, P>, As>>;
  /** Adds openapi-fetch middleware (it sees real `Request`s and `Response`s). */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use()`. */
  eject(...middleware: Middleware[]): void;
  /** Iterates over every item of a paged list (`for await`), or page by page with `.pages()`. */
  paginate<P extends PaginatedPath<R>>(
    path: P,
    init?: PaginateInit<At<Table<R, "get">, P>>,
    options?: PaginateOptions,
  ): PageIterator<ItemOf<Present<At<Table<R, "get">, P>["data"]>>>;
  /** The same client with other per-call settings, e.g. `{ retry: { unsafe: true } }` or `{ timeoutMs: 5000 }`. */
  withOptions(options: CallOptions): ApiClient<R, Throws>;
}

/** The client built with `throwOnError: true`. */
export type ThrowingClient<R extends Routes> = ApiClient<R, true>;
