/**
 * The bottom floor of core: the declarations the other files share (a token, the logger, a limiter's
 * slot, a store's shared tokens, the raw error body). It imports nothing, so every import of it points
 * down and no edge through it can close a circle (test/layers.test.ts checks the whole graph).
 */

/** A token and when it stops being valid (epoch milliseconds; undefined = until the server refuses it). */
export interface Token {
  value: string;
  expiresAt?: number;
}

/** Where the runtime reports what it does (retries, waits). Lines never contain credentials. */
export interface Logger {
  debug?(message: string): void;
  warn?(message: string): void;
}

/** A granted request. Call `done()` when its answer (or failure) arrives. */
export interface Slot {
  /** `response`: the answer, if one arrived (a shared limiter reads a 429's wait from it). */
  done(response?: Response): void;
  /** A shared limiter's store was unreachable: only the in-process limiter granted this slot. */
  storeUnavailable?: boolean;
}

/** A token cache shared by every process that uses the same store and scope. */
export interface SharedTokens {
  /** The shared token, or one obtained with `obtain` by exactly one process while the others wait. */
  get(obtain: () => Promise<Token>, signal?: AbortSignal): Promise<Token>;
  /** After a 401: forgets `token` for everyone, if it is still the shared one. */
  invalidate(token: string): void;
}

/**
 * `error` of a failed call whose body is not a JSON object or array: empty, not JSON (an HTML page from a
 * proxy), or a JSON scalar (`null`, `""`, `0`, `"text"`). `text` is the body's text: `""` when empty, a JSON
 * string's value, otherwise the body as received.
 * With it, `error` is a truthy object on every non-2xx answer.
 */
export interface RawErrorBody {
  status: number;
  statusText: string;
  text: string;
}
