// @ts-check
/** The targets each benchmark result is held to, and which of them a results object meets. */
import { kb, secs } from "./format.mjs";

export const TARGETS = {
  /** `@specyard/blikk`'s whole stack vs raw fetch (sum of per-request times). */
  overheadRatio: 1.2,
  /** A guard, not a goal: each vendor bundle, openapi-fetch (2.6 kB alone) included (gzip bytes). */
  bundleGzipBytes: 7300,
  /** Check time of the all-operations consumer vs the same calls on bare openapi-fetch clients. */
  typecheckVsOpenapiFetch: 0.5,
  coldBuildS: 60,
  cachedBuildS: 2,
  testS: 180,
  utilisation: 0.95,
  /** Reading a whole Blikk list (new defaults) vs the quota-bound ideal. */
  paginateBlikkVsIdeal: 1.1,
  /** spec:diff over the four vendors' bundles, in one process (ms). */
  specDiffAllMs: 10_000,
  /** Reading a whole Simplo list (new defaults) vs one page after another. */
  paginateSimploVsSequential: 0.5,
};

/**
 * @typedef {{ name: string, value: string, target: string, met: boolean }} TargetCheck
 * @param {any} r results
 * @returns {TargetCheck[]}
 */
export function checkTargets(r) {
  /** @type {TargetCheck[]} */
  const out = [];
  const blikk = r.overhead?.contenders?.find((/** @type {any} */ c) => c.name === "@specyard/blikk");
  if (blikk) {
    out.push({ name: "`@specyard/blikk` per-request time vs raw fetch", value: `${blikk.relativeToFetch.toFixed(2)} ×`, target: `≤ ${TARGETS.overheadRatio.toFixed(2)} ×`, met: blikk.relativeToFetch <= TARGETS.overheadRatio });
  }
  for (const b of r.bundles ?? []) {
    if (b.pkg === "openapi-fetch") continue;
    out.push({ name: `\`${b.pkg}\` bundle (gzip), guard`, value: kb(b.gzipBytes), target: `≤ ${kb(TARGETS.bundleGzipBytes)}`, met: b.gzipBytes <= TARGETS.bundleGzipBytes });
    out.push({ name: `\`${b.pkg}\` bundle carries only its auth strategy`, value: b.auth.join(", ") || "none", target: "one", met: b.foreignAuth.length === 0 });
  }
  if (r.typecheck) {
    const t = r.typecheck;
    out.push({ name: "all-operations consumer: type errors", value: String(t.all.errors.length), target: "0", met: t.all.errors.length === 0 });
    if (t.openapiFetch) {
      const ratio = t.all.checkTimeS / t.openapiFetch.all.checkTimeS;
      out.push({ name: `check time, ${t.operations} calls, vs the same calls on bare openapi-fetch`, value: `${ratio.toFixed(2)} ×`, target: `≤ ${TARGETS.typecheckVsOpenapiFetch} ×`, met: ratio <= TARGETS.typecheckVsOpenapiFetch });
    }
  }
  if (r.pipeline) {
    const p = r.pipeline;
    out.push({ name: "cold `pnpm build`", value: secs(p.coldBuild), target: `≤ ${TARGETS.coldBuildS} s`, met: p.coldBuild.exitCode === 0 && p.coldBuild.seconds <= TARGETS.coldBuildS });
    out.push({ name: "cached `pnpm build`", value: secs(p.cachedBuild), target: `≤ ${TARGETS.cachedBuildS} s`, met: p.cachedBuild.exitCode === 0 && p.cachedBuild.seconds <= TARGETS.cachedBuildS });
    out.push({ name: "`pnpm test`", value: secs(p.test), target: `≤ ${TARGETS.testS} s`, met: p.test.exitCode === 0 && p.test.seconds <= TARGETS.testS });
  }
  if (r.specDiff) {
    out.push({ name: "spec:diff over the four vendors", value: `${(r.specDiff.totalMs / 1000).toFixed(1)} s`, target: `≤ ${TARGETS.specDiffAllMs / 1000} s`, met: r.specDiff.totalMs <= TARGETS.specDiffAllMs });
  }
  if (r.rateLimit) {
    out.push({ name: "rate-limit utilisation", value: r.rateLimit.utilisation.toFixed(3), target: `≥ ${TARGETS.utilisation}`, met: r.rateLimit.utilisation >= TARGETS.utilisation });
    out.push({ name: "429 answers", value: String(r.rateLimit.tooManyRequests), target: "0", met: r.rateLimit.tooManyRequests === 0 });
  }
  if (r.redis) {
    const s = r.redis;
    out.push({ name: "shared store: utilisation", value: s.utilisation.toFixed(3), target: `≥ ${TARGETS.utilisation}`, met: s.utilisation >= TARGETS.utilisation });
    out.push({ name: "shared store: 429s, token requests", value: `${s.tooManyRequests}, ${s.tokenRequests}`, target: "0, 1", met: s.tooManyRequests === 0 && s.tokenRequests === 1 });
  }
  for (const row of r.paginate?.rows ?? []) {
    if (row.vendor === "Blikk" && row.ideal) {
      const ratio = row.defaults.ms / row.ideal.ms;
      out.push({ name: `read ${row.n.toLocaleString("en")} Blikk items vs the quota-bound ideal`, value: `${ratio.toFixed(2)} ×`, target: `≤ ${TARGETS.paginateBlikkVsIdeal} ×`, met: ratio <= TARGETS.paginateBlikkVsIdeal });
      out.push({ name: `read ${row.n.toLocaleString("en")} Blikk items: 429 answers`, value: String(row.defaults.tooManyRequests), target: "0", met: row.defaults.tooManyRequests === 0 });
    }
    if (row.vendor === "Simplo") {
      const ratio = row.defaults.ms / row.sequential.ms;
      out.push({ name: `read ${row.n.toLocaleString("en")} Simplo items vs one page after another (${r.paginate.latencyMs} ms)`, value: `${ratio.toFixed(2)} ×`, target: `≤ ${TARGETS.paginateSimploVsSequential} ×`, met: ratio <= TARGETS.paginateSimploVsSequential });
    }
  }
  return out;
}
