// @ts-check
/**
 * spec:diff over all four vendors: each built bundle (packages/<vendor>/openapi.json) against a
 * baseline made from it by the edits a release typically carries (an operation removed, a response
 * field's type changed, an optional request parameter added, a description reworded), timed per
 * vendor in this process; and one `pnpm spec:diff --json` process over all four against their
 * real baselines, start to end. Target: the four diffs together under 10 s.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { specDiff } from "@specyard/release/lib/diff.mjs";
import { ROOT } from "./vendors.mjs";

const VENDORS = ["endre", "12build", "blikk", "simplo"];

/** A baseline that differs from `spec` the way a release does (edits applied to a copy). */
function releasedBefore(/** @type {any} */ spec) {
  const base = structuredClone(spec);
  const [firstPath] = Object.keys(base.paths);
  base.paths["/bench/removed-since"] = { get: { operationId: "benchRemoved", responses: { "200": { description: "ok" } } } };
  const schemas = Object.values(base.components?.schemas ?? {});
  const withProps = /** @type {any} */ (schemas.find((s) => s && typeof s === "object" && "properties" in s));
  if (withProps) withProps.properties.benchField = { type: "string" };
  if (firstPath) base.paths[firstPath].description = "An older wording.";
  return base;
}

export async function runSpecDiff() {
  const rows = [];
  for (const vendor of VENDORS) {
    const head = JSON.parse(readFileSync(join(ROOT, "packages", vendor, "openapi.json"), "utf8"));
    const base = releasedBefore(head);
    const t0 = performance.now();
    const diff = specDiff(base, head);
    rows.push({ vendor, ms: Math.round(performance.now() - t0), level: diff.level, changes: diff.changes.length });
  }
  const t0 = performance.now();
  const cli = spawnSync("pnpm", ["spec:diff", "--json"], { cwd: ROOT, encoding: "utf8" });
  const cliMs = Math.round(performance.now() - t0);
  if (cli.status !== 0) throw new Error(`pnpm spec:diff --json failed:\n${cli.stderr}`);
  return { rows, totalMs: rows.reduce((s, r) => s + r.ms, 0), cliMs };
}
