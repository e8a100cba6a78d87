import createClient, { type ClientOptions, type Middleware } from "openapi-fetch";
import type { Auth } from "./auth.js";
import {
  ApiError,
  ConfigurationError,
  ConnectionError,
  InvalidResponseError,
  SpecyardError,
  errorForStatus,
  summarizeBody,
} from "./errors.js";
import { PageIterator, type PaginateOptions, type PaginationScheme } from "./paginate.js";
import { LiteRequest } from "./lite-request.js";
import { limiterFor, type RateLimit } from "./ratelimit.js";
import { Secrets, redactUrl } from "./redact.js";
import { parseRetryAfter, type RetryOptions } from "./retry.js";
import { assertSecureTransport, createTransport, type CallOptions, type Logger, type Transport } from "./transport.js";
import type { ApiClient, Routes } from "./types.js";

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

type Result = { data?: unknown; error?: unknown; response: Response };
const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** Turns a non-2xx result into the typed error for its status (body and URL redacted). */
export function toApiError(result: Result, operation: string, secrets: Secrets, requestUrl = ""): ApiError {
  const { response } = result;
  const body = secrets.redactValue(result.error);
  return errorForStatus({
    status: response.status,
    operation,
    url: redactUrl(response.url || requestUrl, secrets),
    body,
    detail: secrets.redact(summarizeBody(body) ?? response.statusText),
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
  });
}

/**
 * An openapi-fetch client typed by `Paths` on top of the shared runtime: auth, retries, rate limit,
 * deadline and typed errors, plus `paginate()` and `withOptions()`.
 */
export function createApiClient<R extends Routes, Throws extends boolean = false>(
  options: ApiClientOptions & { throwOnError?: Throws },
): ApiClient<R, Throws> {
  const secrets = new Secrets();
  if (options.auth) assertSecureTransport(options.baseUrl, options.allowInsecureHttp);
  const { rateLimit } = options;
  const transport = createTransport({
    ...options,
    secrets,
    limiter: rateLimit ? limiterFor(rateLimit.key, rateLimit) : undefined,
  });
  return bind<R, Throws>(options, transport, secrets, {});
}

function bind<R extends Routes, Throws extends boolean>(
  options: ApiClientOptions,
  transport: Transport,
  secrets: Secrets,
  defaults: CallOptions,
): ApiClient<R, Throws> {
  // openapi-fetch does the requests; the route table (types.ts) types them.
  const inner = createClient({
    baseUrl: options.baseUrl,
    headers: options.headers,
    querySerializer: options.querySerializer,
    bodySerializer: options.bodySerializer,
  });

  /** Middleware registered with `use()` (it expects real `Request`s). */
  const middleware: Middleware[] = [];

  const call = async (method: string, path: string, init?: Record<string, unknown>): Promise<Result> => {
    const operation = `${method} ${path}`;
    const { retry, timeoutMs, anonymous, ...rest } = init ?? {};
    const ctx = {
      operation,
      retry: (retry as CallOptions["retry"]) ?? defaults.retry,
      timeoutMs: (timeoutMs as number | undefined) ?? defaults.timeoutMs,
      anonymous: (anonymous as boolean | undefined) ?? defaults.anonymous,
    };
    // Through the global fetch with no middleware, openapi-fetch need not build a `Request` (see LiteRequest).
    const lite = !options.fetch && middleware.length === 0 && rest.middleware === undefined;
    let sent: Request | undefined;
    let result: Result;
    try {
      result = (await (inner.request as (m: string, p: string, i: object) => Promise<Result>)(method, path, {
        ...(lite ? { Request: LiteRequest } : undefined),
        ...rest,
        fetch: (r: Request) => transport((sent = r), ctx),
      })) as Result;
    } catch (e) {
      if (e instanceof SpecyardError || (e instanceof Error && e.name === "AbortError")) throw e;
      const url = redactUrl(sent?.url ?? "", secrets);
      if (e instanceof SyntaxError) throw new InvalidResponseError({ operation, url, detail: "response body is not valid JSON" });
      throw new ConnectionError({
        operation,
        url,
        detail: `connection lost while reading the response: ${secrets.redact(String((e as Error)?.message ?? e))}`,
      });
    }
    if (options.throwOnError && !result.response.ok) throw toApiError(result, operation, secrets, sent?.url);
    return result;
  };

  const client = {
    use: (...m: Middleware[]) => {
      middleware.push(...m);
      inner.use(...m);
    },
    eject: (...m: Middleware[]) => {
      for (const x of m) if (middleware.includes(x)) middleware.splice(middleware.indexOf(x), 1);
      inner.eject(...m);
    },
  } as unknown as Record<string, unknown>;
  for (const m of METHODS) client[m] = (path: string, init?: Record<string, unknown>) => call(m, path, init);
  client.request = (method: string, path: string, init?: Record<string, unknown>) => call(method.toUpperCase(), path, init);

  client.paginate = (path: string, init: { params?: { query?: Record<string, unknown> } } = {}, opts?: PaginateOptions) => {
    const scheme = options.pagination;
    if (!scheme) throw new ConfigurationError("this client has no pagination scheme");
    const query = init.params?.query ?? {};
    const start = query[scheme.pageParam] as number | undefined;
    const size = scheme.sizeParam ? (query[scheme.sizeParam] as number | undefined) : undefined;
    return new PageIterator(
      async (page) => {
        const pageInit = { ...init, params: { ...init.params, query: { ...query, [scheme.pageParam]: page } } };
        const operation = `GET ${path}`;
        const r = await call("GET", path, pageInit);
        if (!r.response.ok) throw toApiError(r, operation, secrets);
        return r.data;
      },
      scheme,
      start === undefined ? undefined : Number(start),
      size === undefined ? undefined : Number(size),
      opts,
    );
  };

  client.withOptions = (o: CallOptions) => bind<R, Throws>(options, transport, secrets, { ...defaults, ...o });
  return client as unknown as ApiClient<R, Throws>;
}
