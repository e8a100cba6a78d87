// @ts-check
/**
 * How the contenders are measured: rounds in which each makes one request, in a freshly shuffled
 * (seeded) order, so that drift on the machine hits every contender alike; per-request latencies
 * summed and compared with plain `fetch`.
 */

/**
 * @typedef {{ name: string, note: string, run: () => Promise<unknown> }} Contender
 * @typedef {{ name: string, note: string, requests: number, totalMs: number, meanUs: number, p50Us: number,
 *   p99Us: number, requestsPerSecond: number, relativeToFetch: number, p50RelativeToFetch: number, extraUsPerRequest: number }} ContenderResult
 */

/** Deterministic shuffle source (mulberry32). @param {number} seed */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @template T @param {T[]} list @param {() => number} rnd */
function shuffle(list, rnd) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [list[i], list[j]] = /** @type {[T, T]} */ ([list[j], list[i]]);
  }
  return list;
}

/** @param {Float64Array} sorted @param {number} q */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

/**
 * Runs `warmup` then `n` interleaved rounds; in each round every contender makes one request, in a
 * freshly shuffled order. Latencies are per request (`process.hrtime.bigint()`).
 * @param {Contender[]} contenders
 * @param {{ n: number, warmup?: number, seed?: number }} o
 * @returns {Promise<ContenderResult[]>}
 */
export async function interleave(contenders, o) {
  const rnd = random(o.seed ?? 42);
  const order = [...contenders];
  const warmup = o.warmup ?? Math.min(2000, Math.max(20, Math.floor(o.n / 10)));
  for (let i = 0; i < warmup; i++) for (const c of shuffle(order, rnd)) await c.run();
  /** @type {Map<string, Float64Array>} */
  const ns = new Map(contenders.map((c) => [c.name, new Float64Array(o.n)]));
  for (let i = 0; i < o.n; i++) {
    for (const c of shuffle(order, rnd)) {
      const t0 = process.hrtime.bigint();
      await c.run();
      /** @type {Float64Array} */ (ns.get(c.name))[i] = Number(process.hrtime.bigint() - t0);
    }
  }
  const stats = contenders.map((c) => {
    const xs = /** @type {Float64Array} */ (ns.get(c.name));
    const total = xs.reduce((a, b) => a + b, 0);
    const sorted = Float64Array.from(xs).sort();
    return { c, total, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
  });
  const base = /** @type {(typeof stats)[number]} */ (stats.find((s) => s.c.name === "fetch") ?? stats[0]);
  return stats.map(({ c, total, p50, p99 }) => ({
    name: c.name,
    note: c.note,
    requests: o.n,
    totalMs: round(total / 1e6, 1),
    meanUs: round(total / o.n / 1e3, 1),
    p50Us: round(p50 / 1e3, 1),
    p99Us: round(p99 / 1e3, 1),
    requestsPerSecond: Math.round(o.n / (total / 1e9)),
    relativeToFetch: round(total / base.total, 3),
    p50RelativeToFetch: round(p50 / base.p50, 3),
    extraUsPerRequest: round((total - base.total) / o.n / 1e3, 1),
  }));
}

/** @param {number} x @param {number} digits */
const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;
