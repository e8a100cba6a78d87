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
 * @param {{ base?: string, head?: string, since?: string, registry?: string | false }} [options] files override the baseline and the built bundle
 * @returns {Promise<VendorDiff>}
 */
export async function diffVendor(vendor, { base, head, since, registry } = {}) {
  const after = await readSpecFile(head ?? vendor.bundled);
  const baseline = base ? { spec: await readSpecFile(base), source: base } : await findBaseline(vendor, { since, registry });
  return { vendor: vendor.vendor, package: vendor.name, base: baseline.source, ...specDiff(baseline.spec, after) };
}

/** The `--json` shape of one vendor: `{ vendor, level, changes }`. */
export const toJson = (/** @type {VendorDiff} */ d) => ({ vendor: d.vendor, level: d.level, changes: d.changes });

/** A short human table: one line per vendor, then one per change. */
export function formatTable(/** @type {VendorDiff[]} */ diffs) {
  const lines = [];
  for (const d of diffs) {
    lines.push(`${d.vendor.padEnd(8)} ${d.level.padEnd(5)}  ${d.changes.length} change${d.changes.length === 1 ? "" : "s"} against ${d.base}`);
    for (const c of d.changes) lines.push(`  ${c.level.padEnd(5)}  ${(c.operationId ?? "").padEnd(28)} ${c.message}`);
  }
  return lines.join("\n");
}
