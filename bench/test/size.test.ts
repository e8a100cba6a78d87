import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VENDOR_TARGETS, measureBundle } from "../src/bundle.mjs";
import { VALIDATE_TARGETS } from "../src/validate.mjs";

/** bench/budgets.json: measured gzip size of each vendor bundle and its budget (measured + 10 %). */
const budgets = JSON.parse(readFileSync(new URL("../budgets.json", import.meta.url), "utf8")) as {
  headroom: number;
  bundles: Record<string, { measuredGzipBytes: number; budgetGzipBytes: number }>;
};

describe("bundle-size budgets (esbuild bundle + minify, esm, browser; gzip -9)", () => {
  it("budgets.json has a budget for every vendor package, each measured + 10 %", () => {
    expect(Object.keys(budgets.bundles).sort()).toEqual(VENDOR_TARGETS.map((t) => t.pkg).sort());
    for (const b of Object.values(budgets.bundles)) {
      expect(b.budgetGzipBytes).toBe(Math.ceil(b.measuredGzipBytes * (1 + budgets.headroom)));
    }
  });

  for (const target of VENDOR_TARGETS) {
    it(`${target.pkg} stays within its gzip budget and carries only its own auth strategy`, async () => {
      const budget = budgets.bundles[target.pkg]!;
      const r = await measureBundle(target);
      expect(r.auth, "auth strategies in the bundle").toEqual([target.auth]);
      expect(r.foreignAuth, "other vendors' auth strategies: core no longer tree-shakes").toEqual([]);
      // The span code and the operationIds load by import() only for a client with a tracer.
      expect(r.parts, "tracing in the statically loaded bundle").not.toContain("traceCalls");
      expect(r.lazyGzipBytes, "the lazily loaded tracing chunks").toBeGreaterThan(0);
      expect(
        r.gzipBytes,
        `${target.pkg}: ${r.gzipBytes} B gzip > budget ${budget.budgetGzipBytes} B (measured ${budget.measuredGzipBytes} B). ` +
          "If the growth is intended, run `pnpm --filter @specyard/bench budgets` and commit budgets.json.",
      ).toBeLessThanOrEqual(budget.budgetGzipBytes);
    });
  }

  it("a client without `validate` carries no response validation; each ./validate entry does", async () => {
    for (const target of VENDOR_TARGETS) expect((await measureBundle(target)).parts, target.pkg).not.toContain("ResponseValidators");
    for (const target of VALIDATE_TARGETS) expect((await measureBundle(target)).parts, target.name).toContain("ResponseValidators");
  });
});
