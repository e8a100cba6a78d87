import createClient, { type ClientOptions, type Middleware } from "openapi-fetch";
import type { Auth } from "./auth.js";
import {
  ConfigurationError,
  ConnectionError,
  InvalidResponseError,
  SpecyardError,
  errorResult,
  anyValidationMessage,
  failure,
  summarizeBody,
  toApiError,
  type ValidationMessage,
} from "./errors.js";
import { paginate, type PageIterator, type PaginateOptions, type PaginationScheme } from "./paginate.js";
import { LiteRequest } from "./lite-request.js";
import { limiterFor, type RateLimit } from "./ratelimit.js";
import { Secrets } from "./redact.js";
import type { Store } from "./store.js";
import { waitInSecondsBody, type BodyWait, type RetryOptions } from "./retry.js";
import { assertSecureTransport, createTransport, type CallOptions, type Logger, type TransportOptions } from "./transport.js";
import type { ApiClient, Routes } from "./types.js";
import type { ValidateOptions } from "./validate.js";

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
  /**
   * Shares the rate limit, 429 pauses and the token with every process that uses the same store and
   * credential (`createRedisStore(...)` from `@specyard/redis`). None: everything stays in this process.
   */
  store?: Store;
  /** The API's name in a store's keys, e.g. `blikk`. */
  vendor?: string;
  /**
   * The largest page size the spec documents, by GET path (`"*"`: every paged operation) and query
   * parameter (the generated route table's `maxPageSize`): `paginate()` sends it when the caller gives no page size.
   */
  maxPageSize?: Record<string, Record<string, number>>;
  /** Which operations take the client's credentials (see `OperationSecurity`). None: every call sends them when `auth` is given. */
  security?: OperationSecurity;
  headers?: ClientOptions["headers"];
  querySerializer?: ClientOptions["querySerializer"];
  bodySerializer?: ClientOptions["bodySerializer"];
  /** Checks JSON answers against the spec: `{ responses }` from the vendor package's `./validate` entry. Default: none. */
  validate?: ValidateOptions;
}

/**
 * Each operation's security as the spec declares it, so that credentials go only where it asks for them.
 * An operation gets the client's credentials when one of its alternatives names `scheme`; it goes out
 * without them when none does (`security: []`, or a token endpoint's own scheme), or when one alternative
 * is `""` (optional) and the client has no `auth`. One that needs them from a client without `auth`
 * fails before sending with a `ConfigurationError` that ends with `missing`.
 */
export interface OperationSecurity {
  /** The scheme the client's `auth` fulfils, e.g. `bearerAuth`. */
  scheme: string;
  /** The generated route table's `security`: by `METHOD /path` (`"*"`: every other operation), the accepted scheme names. */
  operations: Record<string, readonly string[]>;
  /** What to give the client to call the others, e.g. `give createSimploClient a token or getToken`. */
  missing?: string;
}

/** What every vendor client accepts besides its credentials and base URL. */
export type ClientSettings = Pick<ApiClientOptions, "fetch" | "retry" | "timeoutMs" | "throwOnError" | "logger" | "allowInsecureHttp" | "store" | "validate">;

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
  /** How the API lists validation failures (`listedValidationMessage`, ...): the first one joins a thrown error's message. */
  validationMessage?: ValidationMessage;
  /** Reads the wait a 429 body asks for when there is no `Retry-After` (`waitInSecondsBody`). */
  bodyWait?: BodyWait;
}

/**
 * An openapi-fetch client typed by the route table `R` on top of the shared runtime: auth, retries, rate limit,
 * deadline and typed errors, plus `paginate()` and `withOptions()`. `createApiClient<routes>({ ..., throwOnError: true })`
 * is typed as the throwing client (`ApiClient<routes, true>`) by the first overload.
 */
export function createApiClient<R extends Routes>(options: ApiClientOptions & { throwOnError: true }): ApiClient<R, true>;
export function createApiClient<R extends Routes, Throws extends boolean = false>(options: ApiClientOptions & { throwOnError?: Throws }): ApiClient<R, Throws>;
export function createApiClient<R extends Routes, Throws extends boolean = false>(
  options: ApiClientOptions & { throwOnError?: Throws },
): ApiClient<R, Throws> {
  return createApiClientWith<R, Throws>({ limiterFor, paginate, validationMessage: anyValidationMessage, bodyWait: waitInSecondsBody }, options);
}

/** `createApiClient` with only the given optional parts (see `ClientParts`): what vendor packages use. */
export function createApiClientWith<R extends Routes, Throws extends boolean = false>(
  parts: ClientParts,
  options: ApiClientOptions & { throwOnError?: Throws },
): ApiClient<R, Throws> {
  const { baseUrl, headers, querySerializer, bodySerializer, rateLimit, pagination, auth, store } = options;
  const secrets = new Secrets();
  if (auth) assertSecureTransport(baseUrl, options.allowInsecureHttp);
  const local = rateLimit ? parts.limiterFor!(rateLimit.key, rateLimit) : undefined;
  // With a store, the limiter and the token cache are shared (the store falls back to `local`).
  const shared =
    store &&
    auth?.owner &&
    store.bind({ vendor: options.vendor ?? "api", baseUrl, ...auth.owner, rateLimit: rateLimit || undefined, local, tokens: !!auth.share, logger: options.logger });
  if (shared?.tokens) auth?.share?.(shared.tokens);
  const transport = createTransport({ ...options, secrets, bodyWait: parts.bodyWait, limiter: shared ? shared.limiter : local });

  /** Whether `operation` goes out without the client's credentials (`OperationSecurity`); throws when it needs ones the client lacks. */
  const withoutCredentials = (operation: string): boolean => {
    const { security } = options;
    if (!security) return false;
    const alternatives = security.operations[operation] ?? security.operations["*"] ?? [];
    const ours = alternatives.some((names) => names.split(" ").includes(security.scheme));
    if (!ours) return true;
    if (auth) return false;
    if (alternatives.includes("")) return true;
    throw new ConfigurationError(`${operation} needs credentials and this client has none: ${security.missing ?? "give it auth"}`);
  };

  /** The client with `defaults` for every call (`withOptions`); each has its own middleware. */
  const bind = (defaults: CallOptions): ApiClient<R, Throws> => {
    // openapi-fetch does the requests; the route table (types.ts) types them.
    const inner = createClient({ baseUrl, headers, querySerializer, bodySerializer });
    /** Middleware registered with `use()` (it expects real `Request`s). */
    const middleware: Middleware[] = [];

    /** One call; `throws`: a non-2xx answer throws its typed error. */
    const call = async (method: string, path: string, init?: Record<string, unknown>, throws: boolean | undefined = options.throwOnError): Promise<Result> => {
      const operation = `${method} ${path}`;
      const { retry = defaults.retry, timeoutMs = defaults.timeoutMs, anonymous: asked = defaults.anonymous, ...rest } = (init ?? {}) as CallOptions & Record<string, unknown>;
      const anonymous = asked || withoutCredentials(operation);
      let sent: Request | undefined;
      let status = 0;
      let result: Result;
      // Response validation (opt-in): the checking code comes with the validators, not with this file.
      const validate = rest.parseAs === undefined || rest.parseAs === "json" ? options.validate : undefined;
      const review = (body: unknown, json?: boolean) => validate?.responses.review(validate, options.logger, operation, status, body, json);
      try {
        result = await (inner.request as (m: string, p: string, i: object) => Promise<Result>)(method, path, {
          // Through the global fetch with no middleware, openapi-fetch need not build a `Request` (see LiteRequest).
          ...(!options.fetch && !middleware.length && rest.middleware === undefined && { Request: LiteRequest }),
          ...rest,
          // The transport follows redirects itself (credentials never leave their origin).
          redirect: "manual",
          fetch: async (r: Request) => {
            const response = await transport((sent = r), { operation, retry, timeoutMs, anonymous });
            status = response.status;
            return response;
          },
        });
      } catch (e) {
        if (e instanceof SpecyardError || (e as Error)?.name === "AbortError") throw e;
        const json = e instanceof SyntaxError;
        const refused = json && review(undefined, false);
        if (refused) throw refused;
        throw failure(
          json ? InvalidResponseError : ConnectionError,
          operation,
          sent?.url ?? "",
          secrets,
          json ? "response body is not valid JSON" : `connection lost while reading the response: ${(e as Error)?.message ?? e}`,
        );
      }
      const refused = review(result.response.ok ? result.data : result.error);
      if (refused) {
        if (throws) throw refused;
        return { error: refused, response: result.response };
      }
      if (result.response.ok) return result;
      // Never undefined, never falsy: `if (error)` always catches a failure (RawErrorBody).
      result = { error: errorResult(result.error, result.response), response: result.response };
      if (throws) throw toApiError(result, operation, secrets, sent?.url, (body) => summarizeBody(body, parts.validationMessage));
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
        return parts.paginate(pagination, async (pageInit) => (await call("GET", path, pageInit, true)).data, init, opts, { ...options, path });
      },
      withOptions: (o: CallOptions) => bind({ ...defaults, ...o }),
    };
    // GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE: openapi-fetch's method names.
    for (const m in inner) if (m.toUpperCase() === m) client[m] = (path: string, init?: Record<string, unknown>) => call(m, path, init);
    return client as unknown as ApiClient<R, Throws>;
  };
  return bind({});
}
