import { RateLimitError } from "./errors.js";
import type { Slot } from "./shared.js";
import { sleep } from "./sleep.js";

export interface RateLimit {
  /** Requests allowed in any window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /** Added to every wait. Default 5 ms. */
  marginMs?: number;
  /**
   * When the server saw a request is unknown; it is no later than when its answer arrived. A request
   * therefore holds its slot from its answer (or, for slow answers, at most this long after it was
   * sent). Default 250 ms.
   */
  maxLatencyMs?: number;
}

type Entry = { sent: number; done?: number };

/**
 * At most `limit` requests in ANY sliding window of `windowMs` as the server counts them (not a token
 * bucket, which allows a burst of `limit` right after a full window). Each request's arrival time is
 * bounded by when its answer came back, so network jitter cannot push a fifth request into a window.
 * Callers are served in order.
 */
export class SlidingWindowLimiter {
  #entries: Entry[] = [];
  #tail: Promise<unknown> = Promise.resolve();
  /** Ends the current wait early (an answer arrived and moved an anchor earlier). */
  #wake?: () => void;

  constructor(readonly options: RateLimit) {}

  /** Waits for a free slot; a wait longer than `maxWaitMs` rejects at once with a `RateLimitError` (see `SharedLimiter`). */
  acquire(signal?: AbortSignal, maxWaitMs = Infinity): Promise<Slot> {
    const turn = this.#tail.then(() => this.#take(signal, maxWaitMs));
    this.#tail = turn.catch(() => {});
    return turn;
  }

  /** Milliseconds until a request may start (0 = now). */
  #delay(): number {
    const { limit, windowMs, marginMs = 5, maxLatencyMs = 250 } = this.options;
    const now = Date.now();
    // A request is counted in the window from the latest moment the server can have seen it.
    const ends = (e: Entry) => Math.min(e.done ?? Infinity, e.sent + maxLatencyMs) + windowMs + marginMs;
    const busy = (this.#entries = this.#entries.filter((e) => ends(e) > now)).map(ends).sort((a, b) => b - a);
    return busy.length < limit ? 0 : busy[limit - 1]! - now;
  }

  async #take(signal: AbortSignal | undefined, maxWaitMs: number): Promise<Slot> {
    const until = Date.now() + maxWaitMs;
    // Sleep until the window frees up, or until an answer arrives and moves an anchor earlier.
    for (let ms; (ms = this.#delay()) > 0; ) {
      if (Date.now() + ms > until) throw new RateLimitError({ operation: "", url: "", retryAfterMs: ms });
      await sleep(ms, signal, (wake) => (this.#wake = wake));
    }
    if (signal?.aborted) throw signal.reason;
    const entry: Entry = { sent: Date.now() };
    this.#entries.push(entry);
    return {
      done: () => {
        if (entry.done === undefined) {
          entry.done = Date.now();
          this.#wake?.();
        }
      },
    };
  }
}

const limiters = /* @__PURE__ */ new Map<string, SlidingWindowLimiter>();

/** One limiter per credential: clients built with the same key share it. */
export function limiterFor(key: string, options: RateLimit): SlidingWindowLimiter {
  let l = limiters.get(key);
  if (!l) limiters.set(key, (l = new SlidingWindowLimiter(options)));
  return l;
}
