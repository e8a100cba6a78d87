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
    const timer = setTimeout(done, ms);
    if (signal?.aborted) return abort();
    signal?.addEventListener("abort", abort, { once: true });
    wake?.(done);
  });
