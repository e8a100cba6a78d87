import { redactUrl, type Secrets } from "./redact.js";
import { parseRetryAfter } from "./retry.js";

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
 * An API call failed. Carries the status, the operation, the redacted URL and the parsed error body.
 * Never carries request headers, credentials or tokens.
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

/**
 * An error without an HTTP answer (or with an unusable one), `url` and `detail` redacted.
 * @internal
 */
export const failure = (Cls: typeof ConnectionError, operation: string, url: string, secrets: Secrets, detail: string, cause?: unknown) =>
  new Cls({ operation, url: redactUrl(url, secrets), detail: secrets.redact(detail), cause });

/**
 * Turns a non-2xx result into the typed error for its status (body and URL redacted). `detail` replaces
 * the summary of the body in the message; `Cls` replaces the class for the status.
 */
export function toApiError(
  { response, error }: { error?: unknown; response: Response },
  operation: string,
  secrets: Secrets,
  requestUrl = "",
  detail?: string,
  Cls?: typeof ApiError,
): ApiError {
  const body = secrets.redactValue(error);
  const init = {
    status: response.status,
    operation,
    url: redactUrl(response.url || requestUrl, secrets),
    body,
    detail: secrets.redact(detail ?? summarizeBody(body) ?? response.statusText),
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
  };
  return Cls ? new Cls(init) : errorForStatus(init);
}

/** A short human summary of a vendor error body (`message`, `detail`, `title` or `type`). */
export function summarizeBody(body: unknown): string | undefined {
  const b = body as Record<string, unknown> | null;
  const text =
    typeof b === "string" ? b : b && typeof b === "object" ? [b.message, b.detail, b.title, b.type].find((v) => typeof v === "string" && v) : undefined;
  return (text as string | undefined)?.slice(0, 200) || undefined;
}
