import createClient, { type Client, type ClientOptions, type FetchOptions, type Middleware, type FetchResponse, type MaybeOptionalInit } from "openapi-fetch";
import type {
  HttpMethod,
  MediaType,
  PathsWithMethod,
  RequiredKeysOf,
  ResponseObjectMap,
  SuccessResponse,
} from "openapi-typescript-helpers";
import type { Auth } from "./auth.js";
import {
  ConfigurationError,
  ConnectionError,
  InvalidResponseError,
  SpecyardError,
  failure,
  toApiError,
} from "./errors.js";
import { paginate, type PageIterator, type PaginateOptions, type PaginationScheme } from "./paginate.js";
import { LiteRequest } from "./lite-request.js";
import { limiterFor, type RateLimit } from "./ratelimit.js";
import { Secrets } from "./redact.js";
import type { RetryOptions } from "./retry.js";
import { assertSecureTransport, createTransport, type CallOptions, type Logger, type Transport, type TransportOptions } from "./transport.js";

export interface ApiClientOptions {
  baseUrl: string;
  /** A `fetch` to send requests with (tests, proxies, other runtimes). Default `globalThis.fetch`. */
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
  auth?: Auth;
  /** Retry policy; `false` sends every request once. */
  retry?: RetryOptions | false;
  /** Client-side rate limit, shared by every client with the same `key` (one per credential). */
  rateLimit?: (RateLimit & { key: string }) | false;
  /** Deadline for one call, retries and waits included (ms). Default 60 000; 0 disables it. */
  timeoutMs?: number;
  /** Throw a typed `ApiError` for non-2xx answers instead of returning `{ error }`. Default false. */
  throwOnError?: boolean;
  logger?: Logger;
  /** Allow credentials over plain http:// to hosts other than loopback. Default false. */
  allowInsecureHttp?: boolean;
  /** How `paginate()` walks this API's lists. */
  pagination?: PaginationScheme;
  headers?: ClientOptions["headers"];
  querySerializer?: ClientOptions["querySerializer"];
  bodySerializer?: ClientOptions["bodySerializer"];
}

/** What every vendor client accepts besides its credentials and base URL. */
export type ClientSettings = Pick<ApiClientOptions, "fetch" | "retry" | "timeoutMs" | "throwOnError" | "logger" | "allowInsecureHttp">;

type GetOperation<Paths, P> = P extends keyof Paths ? (Paths[P] extends { get: infer O } ? O : never) : never;
type OkBody<Op> = ResponseObjectMap<Op> extends Record<string | number, any>
  ? SuccessResponse<ResponseObjectMap<Op>, `${string}/${string}`>
  : never;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The item type of a paged answer: a plain array's element, or the element of its `items`. */
export type ItemOf<Body> = Body extends readonly (infer E)[]
  ? E
  : Body extends { items?: infer I }
    ? NonNullable<I> extends readonly (infer E)[]
      ? E
      : never
    : never;

/** GET paths that take a `page` query parameter. */
export type PaginatedPath<Paths extends {}> = {
  [P in PathsWithMethod<Paths, "get">]: "page" extends keyof QueryOf<GetOperation<Paths, P>> ? P : never;
}[PathsWithMethod<Paths, "get">];

/** The GET options of a paged operation, with the page number left to the paginator. */
export type PaginateInit<Op> = Omit<FetchOptions<Op>, "params"> & {
  params?: (Op extends { parameters: infer Params } ? Omit<Params, "query"> : object) & {
    query?: Omit<QueryOf<Op>, "page"> & { page?: number };
  };
};

/** openapi-fetch's init argument: optional when nothing in it is required (extra keys allowed). */
type InitArgs<Init> = RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

type Operation<Paths, Path, M extends HttpMethod> = Path extends keyof Paths ? Extract<Paths[Path][M & keyof Paths[Path]], Record<string | number, any>> : never;

/** A method of a client built with `throwOnError: true`: errors throw, so `data` is always there. */
type ThrowingMethod<Paths extends {}, M extends HttpMethod> = <
  Path extends PathsWithMethod<Paths, M>,
  Init extends MaybeOptionalInit<Paths[Path], M & keyof Paths[Path]>,
>(
  url: Path,
  ...init: InitArgs<Init>
) => Promise<{ data: NonNullable<FetchResponse<Operation<Paths, Path, M>, Init, MediaType>["data"]>; error?: never; response: Response }>;

/** The openapi-fetch client, with `data` always present because errors throw. */
export type ThrowingClient<Paths extends {}> = Omit<Client<Paths>, "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS"> & {
  GET: ThrowingMethod<Paths, "get">;
  PUT: ThrowingMethod<Paths, "put">;
  POST: ThrowingMethod<Paths, "post">;
  DELETE: ThrowingMethod<Paths, "delete">;
  PATCH: ThrowingMethod<Paths, "patch">;
  HEAD: ThrowingMethod<Paths, "head">;
  OPTIONS: ThrowingMethod<Paths, "options">;
};

/**
 * A typed client on the shared runtime. `Throws` is `true` for clients built with `throwOnError: true`:
 * their calls resolve only on success (with `data`), and reject with a typed `ApiError` otherwise.
 */
export type ApiClient<Paths extends {}, Throws extends boolean = false> = (Throws extends true ? ThrowingClient<Paths> : Client<Paths>) & {
  /** Iterates over every item of a paged list (`for await`), or page by page with `.pages()`. */
  paginate<P extends PaginatedPath<Paths>>(
    path: P,
    init?: PaginateInit<GetOperation<Paths, P>>,
    options?: PaginateOptions,
  ): PageIterator<ItemOf<OkBody<GetOperation<Paths, P>>>>;
  /** The same client with other per-call settings, e.g. `{ retry: { unsafe: true } }` or `{ timeoutMs: 5000 }`. */
  withOptions(options: CallOptions): ApiClient<Paths, Throws>;
};

type Result = { data?: unknown; error?: unknown; response: Response };

/**
 * The optional runtime parts of a client, for `createApiClientWith`: a client uses `rateLimit` only with
 * `limiterFor` and `pagination` only with `paginate`. A vendor package passes the parts its API needs,
 * so a bundle of it carries no other.
 */
export interface ClientParts {
  /** `limiterFor` from the rate-limit module. */
  limiterFor?: (key: string, options: RateLimit) => NonNullable<TransportOptions["limiter"]>;
  /** `paginate` from the pagination module. */
  paginate?: typeof paginate;
}

/**
 * An openapi-fetch client typed by `Paths` on top of the shared runtime: auth, retries, rate limit,
 * deadline and typed errors, plus `paginate()` and `withOptions()`.
 */
export function createApiClient<Paths extends {}, Throws extends boolean = false>(
  options: ApiClientOptions & { throwOnError?: Throws },
): ApiClient<Paths, Throws> {
  return createApiClientWith<Paths, Throws>({ limiterFor, paginate }, options);
}

/** `createApiClient` with only the given optional parts (see `ClientParts`): what vendor packages use. */
export function createApiClientWith<Paths extends {}, Throws extends boolean = false>(
  parts: ClientParts,
  options: ApiClientOptions & { throwOnError?: Throws },
): ApiClient<Paths, Throws> {
  const { baseUrl, headers, querySerializer, bodySerializer, rateLimit, pagination } = options;
  const secrets = new Secrets();
  if (options.auth) assertSecureTransport(baseUrl, options.allowInsecureHttp);
  const transport = createTransport({ ...options, secrets, limiter: rateLimit ? parts.limiterFor!(rateLimit.key, rateLimit) : undefined });

  /** The client with `defaults` for every call (`withOptions`); each has its own middleware. */
  const bind = (defaults: CallOptions): ApiClient<Paths, Throws> => {
    const inner = createClient<Paths>({ baseUrl, headers, querySerializer, bodySerializer });
    /** Middleware registered with `use()` (it expects real `Request`s). */
    const middleware: Middleware[] = [];

    /** One call; `throws`: a non-2xx answer throws its typed error. */
    const call = async (method: string, path: string, init?: Record<string, unknown>, throws: boolean | undefined = options.throwOnError): Promise<Result> => {
      const operation = `${method} ${path}`;
      const { retry, timeoutMs, anonymous, ...rest } = { ...defaults, ...init } as CallOptions & Record<string, unknown>;
      let sent: Request | undefined;
      let result: Result;
      try {
        result = await (inner.request as (m: string, p: string, i: object) => Promise<Result>)(method, path, {
          // Through the global fetch with no middleware, openapi-fetch need not build a `Request` (see LiteRequest).
          ...(!options.fetch && !middleware.length && rest.middleware === undefined && { Request: LiteRequest }),
          ...rest,
          fetch: (r: Request) => transport((sent = r), { operation, retry, timeoutMs, anonymous }),
        });
      } catch (e) {
        if (e instanceof SpecyardError || (e as Error)?.name === "AbortError") throw e;
        const json = e instanceof SyntaxError;
        throw failure(
          json ? InvalidResponseError : ConnectionError,
          operation,
          sent?.url ?? "",
          secrets,
          json ? "response body is not valid JSON" : `connection lost while reading the response: ${(e as Error)?.message ?? e}`,
        );
      }
      if (throws && !result.response.ok) throw toApiError(result, operation, secrets, sent?.url);
      return result;
    };

    const client: Record<string, unknown> = {
      use: (...m: Middleware[]) => {
        middleware.push(...m);
        inner.use(...m);
      },
      eject: (...m: Middleware[]) => {
        for (const x of m) if (middleware.includes(x)) middleware.splice(middleware.indexOf(x), 1);
        inner.eject(...m);
      },
      request: (method: string, path: string, init?: Record<string, unknown>) => call(method.toUpperCase(), path, init),
      paginate: (path: string, init?: { params?: { query?: Record<string, unknown> } }, opts?: PaginateOptions) => {
        if (!pagination || !parts.paginate) throw new ConfigurationError("this client has no pagination scheme");
        return parts.paginate(pagination, async (pageInit) => (await call("GET", path, pageInit, true)).data, init, opts);
      },
      withOptions: (o: CallOptions) => bind({ ...defaults, ...o }),
    };
    // GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE: openapi-fetch's method names.
    for (const m in inner) if (m.toUpperCase() === m) client[m] = (path: string, init?: Record<string, unknown>) => call(m, path, init);
    return client as unknown as ApiClient<Paths, Throws>;
  };
  return bind({});
}
