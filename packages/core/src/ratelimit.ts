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

/** A granted request. Call `done()` when its answer (or failure) arrives. */
export interface Slot {
  done(): void;
}

type Entry = { sent: number; done?: number };

/**
 * At most `limit` requests in ANY sliding window of `windowMs` as the server counts them (not a token
 * bucket, which allows a burst of `limit` right after a full window). Each request's arrival time is
 * bounded by when its answer came back, so network jitter cannot push a fifth request into a window.
 * Callers are served in order.
 */
export class SlidingWindowLimiter {
  private entries: Entry[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  private wake: (() => void) | undefined;

  constructor(readonly options: RateLimit) {}

  /** Waits for a free slot. */
  acquire(signal?: AbortSignal): Promise<Slot> {
    const turn = this.tail.then(() => this.take(signal));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Latest moment the server can have seen this request. */
  private anchor(e: Entry): number {
    const cap = e.sent + (this.options.maxLatencyMs ?? 250);
    return e.done === undefined ? cap : Math.min(e.done, cap);
  }

  /** Milliseconds until a request may start (0 = now). */
  private delay(): number {
    const { limit, windowMs, marginMs = 5 } = this.options;
    const now = Date.now();
    const busy = this.entries.map((e) => this.anchor(e) + windowMs + marginMs).filter((t) => t > now);
    this.entries = this.entries.filter((e) => this.anchor(e) + windowMs + marginMs > now);
    if (busy.length < limit) return 0;
    busy.sort((a, b) => b - a);
    return busy[limit - 1]! - now;
  }

  private async take(signal?: AbortSignal): Promise<Slot> {
    for (let ms = this.delay(); ms > 0; ms = this.delay()) {
      // Sleep until the window frees up, or until an answer arrives and moves an anchor earlier.
      await new Promise<void>((resolve, reject) => {
        const finish = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          this.wake = undefined;
          resolve();
        };
        const onAbort = () => {
          clearTimeout(timer);
          this.wake = undefined;
          reject(signal!.reason);
        };
        const timer = setTimeout(finish, ms);
        if (signal?.aborted) return onAbort();
        signal?.addEventListener("abort", onAbort, { once: true });
        this.wake = finish;
      });
    }
    if (signal?.aborted) throw signal.reason;
    const entry: Entry = { sent: Date.now() };
    this.entries.push(entry);
    return {
      done: () => {
        if (entry.done === undefined) {
          entry.done = Date.now();
          this.wake?.();
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
