import { sleep } from "./sleep.js";

export interface RateLimit {
  /** Requests allowed in any window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /** Safety margin added to each wait, absorbing network jitter. Default 20 ms. */
  marginMs?: number;
}

/**
 * At most `limit` request starts in ANY sliding window of `windowMs` (not a token bucket, which would
 * allow a burst of `limit` right after a full window). Callers are served in order.
 */
export class SlidingWindowLimiter {
  private readonly starts: number[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly options: RateLimit) {}

  /** Waits for a free slot, then records this request's start. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.tail.then(() => this.take(signal));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async take(signal?: AbortSignal): Promise<void> {
    const { limit, windowMs, marginMs = 20 } = this.options;
    if (this.starts.length >= limit) {
      const wait = this.starts[this.starts.length - limit]! + windowMs + marginMs - Date.now();
      if (wait > 0) await sleep(wait, signal);
      else if (signal?.aborted) throw signal.reason;
    }
    this.starts.push(Date.now());
    if (this.starts.length > limit) this.starts.splice(0, this.starts.length - limit);
  }
}

const limiters = /* @__PURE__ */ new Map<string, SlidingWindowLimiter>();

/** One limiter per credential: clients built with the same key share it. */
export function limiterFor(key: string, options: RateLimit): SlidingWindowLimiter {
  let l = limiters.get(key);
  if (!l) limiters.set(key, (l = new SlidingWindowLimiter(options)));
  return l;
}
