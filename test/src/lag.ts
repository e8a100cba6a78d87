/**
 * What waiting costs on this machine right now, measured beside a real-clock test: a loop of `periodMs`
 * timer waits, each followed by one round trip to `url` when one is given. A rate limiter can be no quicker
 * than this loop (its windows are timer waits followed by requests), so a real-clock time bound adds
 * `stop()`'s result: the loop's time beyond its waits. A few ms per period on a quiet machine; beside a CPU
 * hog or the rest of the suite, more. The limiter's exact timing is checked on fake timers.
 */
export function lagProbe(o: { periodMs?: number; url?: string } = {}): { stop(): Promise<number> } {
  const periodMs = o.periodMs ?? 1000;
  let excessMs = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, periodMs));
      if (o.url) await fetch(o.url).then((r) => r.arrayBuffer(), () => undefined);
      excessMs += performance.now() - started - periodMs;
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return excessMs;
    },
  };
}
