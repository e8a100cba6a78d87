// @ts-check
// release:check: every vendor whose spec changed since its baseline needs pending changesets that
// bump its package by at least the level of the change.
import getReleasePlanModule from "@changesets/get-release-plan";
import { ROOT } from "../../lib/specs.mjs";
import { diffVendor, formatChanges } from "./changes.mjs";
import { InputError } from "./cli.mjs";
import { LEVELS } from "./rules.mjs";
import { listVendors } from "./vendors.mjs";

// The package is CommonJS with `exports.default`.
const getReleasePlan = /** @type {typeof getReleasePlanModule} */ (/** @type {any} */ (getReleasePlanModule).default ?? getReleasePlanModule);

/** @typedef {import("./changes.mjs").VendorDiff} VendorDiff */
/** @typedef {{ vendor: string, package: string, needed: string, planned: string, ok: boolean, diff: VendorDiff }} Verdict */
/** @typedef {{ name: string, asked: string, planned: string, newVersion: string }} Raised */

/**
 * @param {{ root?: string, since?: string, registry?: string | false }} [options]
 * @returns {Promise<Verdict[]>}
 */
export async function checkRelease({ root = ROOT, since, registry } = {}) {
  const { planned } = await releasePlan(root);
  /** @type {Verdict[]} */
  const verdicts = [];
  for (const vendor of listVendors(root)) {
    const diff = await diffVendor(vendor, { since, registry, root });
    const bump = planned.get(vendor.name) ?? "none";
    verdicts.push({ vendor: vendor.vendor, package: vendor.name, needed: diff.level, planned: bump, ok: LEVELS.indexOf(bump) >= LEVELS.indexOf(diff.level), diff });
  }
  return verdicts;
}

/**
 * The bump the pending changesets give each package (dependents' bumps included), and the public
 * packages that `changeset version` would bump higher than any changeset asks: changesets releases
 * the dependents of a peer dependency's minor bump as major.
 */
export async function releasePlan(/** @type {string} */ root) {
  try {
    const plan = await getReleasePlan(root);
    /** @type {Map<string, string>} */
    const asked = new Map();
    for (const changeset of plan.changesets) {
      for (const r of changeset.releases) asked.set(r.name, maxOf(asked.get(r.name) ?? "none", r.type));
    }
    /** @type {Raised[]} */
    const raised = plan.releases
      .filter((r) => LEVELS.indexOf(r.type) > LEVELS.indexOf(asked.get(r.name) ?? "none") && asked.has(r.name))
      .map((r) => ({ name: r.name, asked: asked.get(r.name) ?? "none", planned: r.type, newVersion: r.newVersion }));
    return { planned: new Map(plan.releases.map((r) => [r.name, r.type])), raised };
  } catch (error) {
    // An unknown package, a bump type that is not one, a malformed front matter: changesets names the file.
    throw new InputError(`.changeset: ${/** @type {Error} */ (error).message.split("\n")[0]}`);
  }
}

const maxOf = (/** @type {string} */ a, /** @type {string} */ b) => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);

/** Notes for packages released above what their changesets ask (not a failure: a surprise to review). */
export const formatRaised = (/** @type {Raised[]} */ raised) =>
  raised.map((r) => `note  ${r.name}: changesets ask ${r.asked}, changeset version gives ${r.planned} (${r.newVersion}): a dependency's bump raised it (a peer dependency's minor makes its dependents major)`).join("\n");

/** The report: one line per vendor; for each failure the changes and the changeset that fixes it. */
export function formatVerdicts(/** @type {Verdict[]} */ verdicts) {
  const lines = [];
  for (const v of verdicts) {
    if (v.needed === "none") {
      lines.push(`ok    ${v.package}: spec unchanged since ${v.diff.base}`);
      continue;
    }
    lines.push(`${v.ok ? "ok  " : "FAIL"}  ${v.package}: the spec needs a ${v.needed} bump (against ${v.diff.base}); pending changesets give ${v.planned}`);
    if (v.ok) continue;
    lines.push(...formatChanges(v.diff.changes.filter((c) => c.level === v.needed), 10));
    lines.push(`  add .changeset/${v.vendor}-api.md:`, "  ---", `  "${v.package}": ${v.needed}`, "  ---", "", `  ${summary(v.diff)}`, "");
  }
  return lines.join("\n");
}

/** A first line for the changeset that names what changed. */
function summary(/** @type {VendorDiff} */ diff) {
  const top = diff.changes.filter((c) => c.level === diff.level).slice(0, 3).map((c) => c.message.split(":")[0] + (c.operationId ? ` (${c.operationId})` : ""));
  return `API: ${top.join("; ")}${diff.changes.length > 3 ? "; …" : ""}.`;
}
