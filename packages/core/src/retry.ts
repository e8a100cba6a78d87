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

/** May this request be sent again after a transient failure (5xx gateway answers, network errors)? */
export const canResend = (method: string, unsafe: boolean): boolean => unsafe || /^(GET|HEAD|OPTIONS|PUT|DELETE|TRACE)$/.test(method);

/** 502, 503 and 504: a gateway that may answer the next attempt. */
export const isTransientStatus = (status: number): boolean => status > 501 && status < 505;

/** Exponential backoff with jitter: a delay in [d/2, d] where d = base * 2^(retry-1), capped. */
export const backoffDelay = (retry: number, o: Required<RetryOptions>): number =>
  (Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (retry - 1)) / 2) * (1 + Math.random());

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return;
  value = value.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return +value * 1000;
  const t = Date.parse(value);
  return t === t ? Math.max(0, t - now) : undefined;
}

/** Reads how long an answer's body asks us to wait (ms), for APIs that say so in the body. */
export type BodyWait = (res: Response) => Promise<number | undefined>;

/** How long a 429 (or 502-504) asks us to wait: `Retry-After`, else what `bodyWait` reads from its body. */
export async function rateLimitWait(res: Response, bodyWait?: BodyWait): Promise<number | undefined> {
  return parseRetryAfter(res.headers.get("retry-after")) ?? bodyWait?.(res);
}

/** A JSON body's `waitInSeconds` (Blikk's 429 body). */
export const waitInSecondsBody: BodyWait = async (res) => {
  try {
    const s = Number(((await res.clone().json()) as { waitInSeconds?: unknown } | null)?.waitInSeconds);
    return s >= 0 && s < Infinity ? s * 1000 : undefined;
  } catch {}
};
