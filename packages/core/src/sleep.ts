/** The longest delay `setTimeout` keeps (2^31-1 ms, 24.8 days): a longer one fires after 1 ms in every runtime. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** `setTimeout` with the delay clamped to [0, MAX_TIMER_MS] (NaN: 0): every timer the runtime sets goes through it. */
export const setTimer = (fn: () => void, ms: number): ReturnType<typeof setTimeout> => setTimeout(fn, Math.min(Math.max(ms, 0) || 0, MAX_TIMER_MS));

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. `wake` receives a
 * function that ends the sleep early (resolved); calling it after the sleep ended does nothing.
 */
export const sleep = (ms: number, signal?: AbortSignal, wake?: (now: () => void) => void): Promise<void> =>
  new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", abort);
      resolve();
    };
    const timer = setTimer(done, ms);
    if (signal?.aborted) return abort();
    signal?.addEventListener("abort", abort, { once: true });
    wake?.(done);
  });

/** `promise`, or the signal's reason as soon as it aborts (the promise itself runs on). */
export const untilAborted = <T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> =>
  !signal
    ? promise
    : new Promise<T>((resolve, reject) => {
        const abort = () => reject(signal.reason);
        if (signal.aborted) return abort();
        signal.addEventListener("abort", abort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
      });
