export interface RetryOptions {
  /** Attempts in all, the first one included. Default 4. */
  maxAttempts?: number;
  /** Upper bound on the total time spent waiting between attempts. Default 60 s. */
  maxTotalWaitMs?: number;
  /** First backoff delay; doubles on each retry, with full jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap on one backoff delay. Default 8 s. */
  maxDelayMs?: number;
  /**
   * Also re-send non-idempotent requests (POST, PATCH) after a 502/503/504 or a network error.
   * Off by default: set it for one call with `client.withOptions({ retry: { unsafe: true } })`.
   */
  unsafe?: boolean;
}

export const RETRY_DEFAULTS = { maxAttempts: 4, maxTotalWaitMs: 60_000, baseDelayMs: 500, maxDelayMs: 8_000, unsafe: false };

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);
const TRANSIENT = new Set([502, 503, 504]);

/** May this request be sent again after a transient failure (5xx gateway answers, network errors)? */
export function canResend(method: string, unsafe: boolean): boolean {
  return unsafe || IDEMPOTENT.has(method);
}

export function isTransientStatus(status: number): boolean {
  return TRANSIENT.has(status);
}

/** Exponential backoff with jitter: a delay in [d/2, d] where d = base * 2^(retry-1), capped. */
export function backoffDelay(retry: number, o: Required<RetryOptions>): number {
  const d = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (retry - 1));
  return d / 2 + Math.random() * (d / 2);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** How long a 429 asks us to wait: `Retry-After`, else a JSON body's `waitInSeconds` (Blikk). */
export async function rateLimitWait(res: Response): Promise<number | undefined> {
  const header = parseRetryAfter(res.headers.get("retry-after"));
  if (header !== undefined) return header;
  try {
    const body = (await res.clone().json()) as { waitInSeconds?: unknown };
    const s = Number(body?.waitInSeconds);
    return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
  } catch {
    return undefined;
  }
}
