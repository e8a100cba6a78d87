import { redactUrl, type Secrets } from "./redact.js";
import { parseRetryAfter } from "./retry.js";
import type { RawErrorBody } from "./shared.js";

// Every class sets its `name` on its prototype by hand (a static block): minifiers rename classes, so
// `constructor.name` is not stable. The blocks are alike, which gzip likes.

/** Base class of every error specyard throws. */
export class SpecyardError extends Error {
  static {
    this.prototype.name = "SpecyardError";
  }
}

/** The client was configured in a way that would be unsafe or cannot work. */
export class ConfigurationError extends SpecyardError {
  static {
    this.prototype.name = "ConfigurationError";
  }
}

export interface ApiErrorInit<B = unknown> {
  /** HTTP status, absent for connection failures and timeouts. */
  status?: number;
  /** Method and path template, e.g. `GET /v1/projects/{project_id}`. */
  operation: string;
  /** The request URL with credentials redacted. */
  url: string;
  /** The parsed error body (typed by the vendor spec), credentials redacted. */
  body?: B;
  /** Milliseconds the server asked us to wait (429). */
  retryAfterMs?: number;
  /** Extra detail for the message (already redacted). */
  detail?: string;
  cause?: unknown;
}

/**
 * An API call failed. Carries the status, the operation, the redacted URL and the error body (what the
 * call's `error` would have been). Never carries request headers, credentials or tokens.
 *
 * `instanceof` narrows to the class with `body: unknown` (not `any`); `isApiError<Body>(e)`, or the
 * vendor package's guard (`isBlikkError(e)`, ...), gives the vendor's declared error bodies.
 */
export class ApiError<B = unknown> extends SpecyardError {
  declare readonly status: number | undefined;
  declare readonly operation: string;
  declare readonly url: string;
  declare readonly body: B | undefined;
  declare readonly retryAfterMs: number | undefined;

  constructor({ status, operation, url, body, retryAfterMs, detail, cause }: ApiErrorInit<B>) {
    super(`${operation} failed${status ? ` with status ${status}` : ""}${detail ? `: ${detail}` : ""}`, cause === undefined ? undefined : { cause });
    Object.assign(this, { status, operation, url, body, retryAfterMs });
  }

  static {
    this.prototype.name = "ApiError";
  }

  /**
   * The default `instanceof`, typed (a declaration only: no code at run time): TypeScript narrows
   * `e instanceof NotFoundError` to `NotFoundError<unknown>` through this predicate, where a generic class alone would give `<any>`.
   */
  declare static [Symbol.hasInstance]: <T>(this: abstract new (...args: never[]) => T, value: unknown) => value is T;
}

/** An error class to test with `isApiError(e, Class)`: `ApiError` or one of its subclasses. */
export type ApiErrorClass<E extends ApiError<unknown>> = abstract new (...args: never[]) => E;

/**
 * Whether `e` is an `ApiError` (of `Class` when given, e.g. `NotFoundError`), typed with the error bodies
 * `B` of the client that threw it. A vendor package's guard (`isBlikkError(e, NotFoundError)`, ...) is
 * this with its own `ErrorBodyOf<routes>`. The body is not checked at run time.
 */
export function isApiError<B = unknown, E extends ApiError<unknown> = ApiError>(e: unknown, Class?: ApiErrorClass<E>): e is E & ApiError<B> {
  return e instanceof (Class ?? ApiError);
}

/** 400 */
export class BadRequestError<B = unknown> extends ApiError<B> {
  static {
    this.prototype.name = "BadRequestError";
  }
}
/** 401, also raised when a fresh token is refused again. */
export class AuthenticationError<B = unknown> extends ApiError<B> {
  static {
    this.prototype.name = "AuthenticationError";
  }
}
/** 403 */
export class PermissionDeniedError<B = unknown> extends ApiError<B> {
  static {
    this.prototype.name = "PermissionDeniedError";
  }
}
/** 404 */
export class NotFoundError<B = unknown> extends ApiError<B> {
  static {
    this.prototype.name = "NotFoundError";
  }
}
/** 422 */
export class UnprocessableEntityError<B = unknown> extends ApiError<B> {
  static {
    this.prototype.name = "UnprocessableEntityError";
  }
}
/** 429 after the retry budget was spent. */
export class RateLimitError<B = unknown> extends ApiError<B> {
  static {
    this.prototype.name = "RateLimitError";
  }
}
/** 5xx */
export class ServerError<B = unknown> extends ApiError<B> {
  static {
    this.prototype.name = "ServerError";
  }
}
/** The request never got an HTTP answer (refused, reset, DNS, truncated body). */
export class ConnectionError extends ApiError<never> {
  static {
    this.prototype.name = "ConnectionError";
  }
}
/** The per-request timeout elapsed (including time spent waiting between retries). */
export class TimeoutError extends ApiError<never> {
  static {
    this.prototype.name = "TimeoutError";
  }
}
/**
 * A redirect that was not followed: to plain http from https (or to a non-loopback http host) without
 * `allowInsecureHttp`, more hops than allowed, a token request sent to another origin, or one the
 * runtime hides (a browser's opaque redirect). `status` is the redirect's status (0 when opaque).
 */
export class RedirectError extends ApiError<never> {
  static {
    this.prototype.name = "RedirectError";
  }
}
/** A 2xx answer whose body could not be parsed as declared. */
export class InvalidResponseError extends ApiError<never> {
  static {
    this.prototype.name = "InvalidResponseError";
  }
}

const BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** Picks the error class for an HTTP status. */
export function errorForStatus<B>(init: ApiErrorInit<B> & { status: number }): ApiError<B> {
  return new (BY_STATUS[init.status] ?? (init.status >= 500 ? ServerError : ApiError))(init) as ApiError<B>;
}

/** A failure of the credentials step (`e`, e.g. at `POST /v1/Auth/Token`) as the failure of the call `operation` it was for: same class and status, `e` its cause. */
export const duringAuth = (e: ApiError, operation: string, url: string, secrets: Secrets): ApiError =>
  // `e`'s own fields (status, body, retryAfterMs, ...) with the call's operation and URL.
  new (e.constructor as typeof ApiError)({ ...e, operation, url: redactUrl(url, secrets), detail: `obtaining credentials failed: ${e.message}`, cause: e });

/**
 * The `error` of a non-2xx answer from openapi-fetch's `error` (the parsed JSON body, the text when not
 * JSON, `undefined` when empty): a JSON object or array as it is, anything else a `RawErrorBody`.
 */
export const errorResult = (error: unknown, { status, statusText }: Response): object =>
  typeof error === "object" && error !== null
    ? error
    : ({ status, statusText, text: error === undefined ? "" : typeof error === "string" ? error : JSON.stringify(error) } satisfies RawErrorBody);

/**
 * An error without an HTTP answer (or with an unusable one), `url` and `detail` redacted.
 * @internal
 */
export const failure = (Cls: typeof ConnectionError, operation: string, url: string, secrets: Secrets, detail: string, cause?: unknown, status?: number) =>
  new Cls({ status, operation, url: redactUrl(url, secrets), detail: secrets.redact(detail), cause });

/**
 * Turns a non-2xx result into the typed error for its status (body and URL redacted). `detail` replaces
 * the summary of the body in the message (a function: summarizes the redacted body); `Cls` replaces the class for the status.
 */
export function toApiError(
  { response, error }: { error?: unknown; response: Response },
  operation: string,
  secrets: Secrets,
  requestUrl = "",
  detail: string | ((body: unknown) => string | undefined) = summarizeBody,
  Cls?: typeof ApiError,
): ApiError {
  const body = secrets.redactValue(error);
  const init = {
    status: response.status,
    operation,
    url: redactUrl(response.url || requestUrl, secrets),
    body,
    detail: secrets.redact((typeof detail === "string" ? detail : detail(body)) ?? response.statusText),
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
  };
  return Cls ? new Cls(init) : errorForStatus(init);
}

const isRawErrorBody = (e: unknown): e is RawErrorBody =>
  typeof e === "object" && e !== null && typeof (e as RawErrorBody).status === "number" && typeof (e as RawErrorBody).text === "string";

/** The first validation failure an error body lists, as `field: message` (a vendor's format: see below). */
export type ValidationMessage = (body: Record<string, unknown>) => string | undefined;

/**
 * A short human summary of a vendor error body: its `message`, `detail`, `title`, `type` or raw `text`,
 * followed by the first validation message when `validation` finds one.
 */
export function summarizeBody(body: unknown, validation?: ValidationMessage): string | undefined {
  if (typeof body === "string") return body.slice(0, 200) || undefined;
  // An empty body, or JSON `null` (12Build's 404): say so rather than print "null".
  if (isRawErrorBody(body)) return body.text === "" || body.text === "null" ? "no body" : body.text.slice(0, 200);
  if (!body || typeof body !== "object") return undefined;
  const b = body as Record<string, unknown>;
  const text = [b.message, b.detail, b.title, b.type, b.text].find((v): v is string => typeof v === "string" && v !== "");
  const first = validation?.(b);
  return (text && first ? `${text} (${first})` : text || first)?.slice(0, 200);
}

/**
 * One human message for a call's `error`, whichever of the vendor's bodies it is: its `message`, `detail`
 * or first validation failure; for a `RawErrorBody` the status and its text ("no body" when empty); any
 * other body as JSON. `error.message` exists on some vendors' bodies only; this works on all.
 */
export function errorMessage(error: unknown): string {
  if (isRawErrorBody(error)) return `HTTP ${error.status}: ${summarizeBody(error)}`;
  return summarizeBody(error, anyValidationMessage) ?? JSON.stringify(error)?.slice(0, 200) ?? String(error);
}

/** Validation failures as a list: FastAPI's `detail[].msg` with `loc` (Endre), or `errors[].message` with `field` (Simplo IS). */
export const listedValidationMessage: ValidationMessage = (b) => {
  const list = Array.isArray(b.detail) ? b.detail : Array.isArray(b.errors) ? b.errors : [];
  const e = list[0] as { loc?: unknown; msg?: unknown; field?: unknown; message?: unknown } | undefined;
  const msg = e?.msg ?? e?.message;
  const where = Array.isArray(e?.loc) ? e.loc.join(".") : e?.field;
  return typeof msg === "string" ? (where ? `${where}: ${msg}` : msg) : undefined;
};

/** Validation failures keyed by field, each a message or a list of them: ASP.NET's `modelState` (Blikk), or `errors`. */
export const keyedValidationMessage: ValidationMessage = (b) => {
  const byField = (b.errors ?? b.modelState) as Record<string, unknown> | null | undefined;
  for (const [field, messages] of Object.entries(byField && typeof byField === "object" ? byField : {})) {
    const msg = Array.isArray(messages) ? messages[0] : messages;
    if (typeof msg === "string") return `${field}: ${msg}`;
  }
  return undefined;
};

/** Any of the formats above: a listed one when the body has a list, else one keyed by field (`createApiClient`). */
export const anyValidationMessage: ValidationMessage = (b) =>
  (Array.isArray(b.detail) || Array.isArray(b.errors) ? listedValidationMessage : keyedValidationMessage)(b);
