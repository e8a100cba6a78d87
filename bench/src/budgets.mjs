// @ts-check
/**
 * `pnpm --filter @specyard/bench budgets`: measures every vendor bundle (exactly as the bench and the
 * size test do) and writes bench/budgets.json with budget = measured gzip size + 10 %.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { VENDOR_TARGETS, measureBundle } from "./bundle.mjs";
import { BENCH_DIR } from "./vendors.mjs";

export const HEADROOM = 0.1;
/** @param {number} measured */
export const budgetFor = (measured) => Math.ceil(measured * (1 + HEADROOM));

/** @type {Record<string, { measuredGzipBytes: number, budgetGzipBytes: number }>} */
const bundles = {};
for (const t of VENDOR_TARGETS) {
  const r = await measureBundle(t);
  bundles[t.pkg] = { measuredGzipBytes: r.gzipBytes, budgetGzipBytes: budgetFor(r.gzipBytes) };
}
const file = {
  description:
    "Gzip size budgets of each vendor client bundled for the browser (bench/src/bundle.mjs: esbuild bundle+minify, esm, browser; zlib level 9). Budget = measured + 10%. Regenerate with `pnpm --filter @specyard/bench budgets` when a size change is intended.",
  measuredAt: new Date().toISOString().slice(0, 10),
  headroom: HEADROOM,
  bundles,
};
writeFileSync(join(BENCH_DIR, "budgets.json"), `${JSON.stringify(file, null, 2)}\n`);
console.log(JSON.stringify(bundles, null, 2));
