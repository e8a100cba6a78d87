// @ts-check
// One vendor's spec against its baseline: what spec:diff prints, release:check gates on and the
// changelog step writes.
import { findBaseline } from "./baseline.mjs";
import { specDiff } from "./diff.mjs";
import { readSpecFile } from "./vendors.mjs";

/** @typedef {import("./vendors.mjs").Vendor} Vendor */
/** @typedef {import("./diff.mjs").SpecDiff & { vendor: string, package: string, base: string }} VendorDiff */

/**
 * @param {Vendor} vendor
 * @param {{ base?: string, head?: string, since?: string, registry?: string | false, root?: string }} [options] files override the baseline and the built bundle
 * @returns {Promise<VendorDiff>}
 */
export async function diffVendor(vendor, { base, head, since, registry, root } = {}) {
  const after = await readSpecFile(head ?? vendor.bundled);
  const baseline = base ? { spec: await readSpecFile(base), source: base } : await findBaseline(vendor, { since, registry, root });
  return { vendor: vendor.vendor, package: vendor.name, base: baseline.source, ...specDiff(baseline.spec, after) };
}

/** The `--json` shape of one vendor: `{ vendor, level, changes }`. */
export const toJson = (/** @type {VendorDiff} */ d) => ({ vendor: d.vendor, level: d.level, changes: d.changes });

/** A short human table: one line per vendor, then one per change (the first `limit`). */
export function formatTable(/** @type {VendorDiff[]} */ diffs, limit = 25) {
  const lines = [];
  for (const d of diffs) {
    lines.push(`${d.vendor.padEnd(8)} ${d.level.padEnd(5)}  ${d.changes.length} change${d.changes.length === 1 ? "" : "s"} against ${d.base}`);
    lines.push(...formatChanges(d.changes, limit));
  }
  return lines.join("\n");
}

/** One line per change, the most severe first; the rest counted. */
export function formatChanges(/** @type {VendorDiff["changes"]} */ changes, limit = 25) {
  const order = ["major", "minor", "patch"];
  const sorted = [...changes].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
  const lines = sorted.slice(0, limit).map((c) => `  ${c.level.padEnd(5)}  ${(c.operationId ?? "").padEnd(28)} ${c.message}`);
  if (sorted.length > limit) lines.push(`  … and ${sorted.length - limit} more (--json lists them all)`);
  return lines;
}
