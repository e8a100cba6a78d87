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
import { assertHeaderValues, assertPathParams } from "./checks.js";
import { warnings } from "./warn.js";
import { paginate, type PageIterator, type PaginateOptions, type PaginationScheme } from "./paginate.js";
import { LiteRequest } from "./lite-request.js";
import { limiterFor, type RateLimit } from "./ratelimit.js";
import { Secrets } from "./redact.js";
import type { Store } from "./store.js";
import { waitInSecondsBody, type BodyWait, type RetryOptions } from "./retry.js";
import type { CallTrace, Span, Tracer } from "./trace.js";
import type { Logger } from "./shared.js";
import { assertSecureTransport, createTransport, type CallOptions, type TransportOptions } from "./transport.js";
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
  /**
   * Where the runtime reports: `debug` (retries, waits, redirects) and `warn` (a list read incompletely, a
   * store out of reach). Default: warnings to `console.warn`, once per cause; `false`: nothing.
   */
  logger?: Logger | false;
  /**
   * An OpenTelemetry `Tracer` (`trace.getTracer("my-app")`): each call becomes a CLIENT span, with its
   * rate-limiter waits, retries and redirects as events and a token exchange as a child span;
   * `paginate()` gets a span over its pages. None: no span code runs.
   */
  tracer?: Tracer;
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
  /**
   * The parameters and body fields the spec marks as credentials (`format: password`), by operation
   * (`METHOD /path`) as `"query.hash"`, `"body.hash"`, ... (the generated route table's `secretParams`): a
   * call masks their values in its errors and logs, and refuses to re-send them to another origin.
   */
  secretParams?: Record<string, string[]>;
  /**
   * The operations whose spec declares a success without content (`METHOD /path`, the generated route table's
   * `emptySuccess`). With it, a throwing client answers an empty 2xx (not 204, not HEAD) of any other
   * operation with an `InvalidResponseError`: its `data` is typed as present. Without it, such a call resolves
   * with `data: undefined`, as openapi-fetch does.
   */
  emptySuccess?: readonly string[];
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
export type ClientSettings = Pick<ApiClientOptions, "fetch" | "retry" | "timeoutMs" | "throwOnError" | "logger" | "allowInsecureHttp" | "store" | "tracer" | "validate">;

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
  /** The spec's operationIds by `METHOD /path`, loaded when a client has a `tracer` (its spans' `specyard.operation`). */
  operationIds?: () => Promise<Record<string, string>>;
}

/** An empty success that the spec does not allow: not a 204/205, not a HEAD, for an operation not listed as `emptySuccess`. */
const lacksDeclaredBody = ({ status }: Response, method: string, operation: string, emptySuccess: readonly string[]) =>
  status !== 204 && status !== 205 && method !== "HEAD" && !emptySuccess.includes(operation);

/** The string at `where.name` of a call's init (`"query.hash"`: `params.query.hash`; `"body.hash"`: `body.hash`), if there is one. */
function valueAt(init: Record<string, unknown>, at: string): string | undefined {
  const [where = "", name = ""] = at.split(".");
  const holder = (where === "body" ? init.body : (init.params as Record<string, unknown> | undefined)?.[where]) as Record<string, unknown> | undefined;
  const value = holder && typeof holder === "object" ? holder[name] : undefined;
  return typeof value === "string" ? value : undefined;
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
  assertHeaderValues("createApiClient", headers as HeadersInit | undefined);
  const clientSecrets = new Secrets();
  if (auth) assertSecureTransport(baseUrl, options.allowInsecureHttp);
  const warn = warnings(options.logger);
  // What a store reports through: the caller's `debug`, and warnings as the client's go.
  const logger: Logger = { debug: options.logger ? options.logger.debug?.bind(options.logger) : undefined, warn: (message) => warn(message, message) };
  const local = rateLimit ? parts.limiterFor!(rateLimit.key, rateLimit) : undefined;
  // With a store, the limiter and the token cache are shared (the store falls back to `local`).
  const shared =
    store &&
    auth?.owner &&
    store.bind({ vendor: options.vendor ?? "api", baseUrl, ...auth.owner, rateLimit: rateLimit || undefined, local, tokens: !!auth.share, logger });
  if (shared?.tokens) auth?.share?.(shared.tokens);
  const transport = createTransport({ ...options, secrets: clientSecrets, bodyWait: parts.bodyWait, limiter: shared ? shared.limiter : local });
  const { tracer } = options;
  // Loaded only for a client with a tracer: bundlers put the span code (trace.ts) in a chunk of its own.
  const tracing = tracer && import("./trace.js").then(({ traceCalls }) => traceCalls(tracer, { vendor: options.vendor, secrets: clientSecrets, operationIds: parts.operationIds?.() }));

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

    /** One call; `throws`: a non-2xx answer throws its typed error; `trace`: where its span records what happens. */
    const send = async (method: string, path: string, init?: Record<string, unknown>, throws: boolean | undefined = options.throwOnError, trace?: CallTrace): Promise<Result> => {
      const operation = `${method} ${path}`;
      const { retry = defaults.retry, timeoutMs = defaults.timeoutMs, anonymous: asked = defaults.anonymous, ...rest } = (init ?? {}) as CallOptions & Record<string, unknown>;
      // This call's secrets: the client's, and the values of the parameters the spec marks as credentials.
      const secrets = new Secrets(clientSecrets);
      for (const at of options.secretParams?.[operation] ?? []) secrets.add(valueAt(rest, at));
      assertPathParams(operation, path, (rest.params as { path?: Record<string, unknown> } | undefined)?.path);
      assertHeaderValues(operation, rest.headers as HeadersInit | undefined);
      const anonymous = asked || withoutCredentials(operation);
      let sent: Request | undefined;
      let status = 0;
      let result: Result;
      // Response validation (opt-in): the checking code comes with the validators, not with this file.
      const validate = rest.parseAs === undefined || rest.parseAs === "json" ? options.validate : undefined;
      const review = (body: unknown, json?: boolean) => validate?.responses.review(validate, logger, operation, status, body, json);
      try {
        result = await (inner.request as (m: string, p: string, i: object) => Promise<Result>)(method, path, {
          // Through the global fetch with no middleware, openapi-fetch need not build a `Request` (see LiteRequest).
          ...(!options.fetch && !middleware.length && rest.middleware === undefined && { Request: LiteRequest }),
          ...rest,
          // The transport follows redirects itself (credentials never leave their origin).
          redirect: "manual",
          fetch: async (r: Request) => {
            const response = await transport((sent = r), { operation, retry, timeoutMs, anonymous, secrets, trace: trace?.sent(r, secrets) });
            status = response.status;
            return response;
          },
        });
      } catch (e) {
        const signal = rest.signal as AbortSignal | undefined;
        if (e instanceof SpecyardError || (e as Error)?.name === "AbortError" || (signal?.aborted && e === signal.reason)) throw e;
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
      if (result.response.ok) {
        if (throws && result.data === undefined && options.emptySuccess && lacksDeclaredBody(result.response, method, operation, options.emptySuccess)) {
          throw failure(InvalidResponseError, operation, sent?.url ?? "", secrets, "the answer has no body, but the spec declares one", undefined, result.response.status);
        }
        return result;
      }
      // Never undefined, never falsy: `if (error)` always catches a failure (RawErrorBody).
      result = { error: errorResult(result.error, result.response), response: result.response };
      if (throws) throw toApiError(result, operation, secrets, sent?.url, (body) => summarizeBody(body, parts.validationMessage));
      return result;
    };
    /** `send`, inside a span when the client has a tracer (`parent`: the span of the `paginate` it belongs to). */
    const call = (method: string, path: string, init?: Record<string, unknown>, throws?: boolean, parent?: Span) =>
      tracing ? tracing.then((t) => t.call(`${method} ${path}`, (trace) => send(method, path, init, throws, trace), parent)) : send(method, path, init, throws);

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
        const walk = parts.paginate;
        if (!pagination || !walk) throw new ConfigurationError("this client has no pagination scheme");
        const list = (parent?: Span) => walk(pagination, async (pageInit) => (await call("GET", path, pageInit, true, parent)).data, init, opts, { ...options, path, warn });
        // Traced: the same iterator, each walk over its pages inside a span of its own.
        return tracing ? Object.create(list(), { pages: { value: async function* () { yield* (await tracing).pages(path, list); } } }) : list();
      },
      withOptions: (o: CallOptions) => bind({ ...defaults, ...o }),
    };
    // GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE: openapi-fetch's method names.
    for (const m in inner) if (m.toUpperCase() === m) client[m] = (path: string, init?: Record<string, unknown>) => call(m, path, init);
    return client as unknown as ApiClient<R, Throws>;
  };
  return bind({});
}
