#!/usr/bin/env node
// @ts-check
// pnpm release:version [--since GIT-REF] [--offline] [--root DIR]
// `changeset version`, plus each vendor's API changes (spec:diff against the last release) in its
// CHANGELOG entry. The diffs are taken first: the baseline is found by the version being replaced.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "../lib/specs.mjs";
import { diffVendor } from "./lib/changes.mjs";
import { apiChangesSection, writeApiChanges } from "./lib/changelog.mjs";
import { InputError, parseArgs, runCommand } from "./lib/cli.mjs";
import { listVendors } from "./lib/vendors.mjs";

const require = createRequire(import.meta.url);

await runCommand("release:version", async () => {
  const { options } = parseArgs(process.argv.slice(2), { values: ["since", "root"], flags: ["offline"] });
  const root = /** @type {string} */ (options.root ?? ROOT);
  const vendors = listVendors(root);
  const diffs = [];
  for (const vendor of vendors) {
    diffs.push({ vendor, diff: await diffVendor(vendor, { root, since: /** @type {string | undefined} */ (options.since), registry: options.offline ? false : undefined }) });
  }

  const changeset = join(require.resolve("@changesets/cli/package.json", { paths: [root] }), "../bin.js");
  const run = spawnSync(process.execPath, [changeset, "version"], { cwd: root, stdio: "inherit" });
  if (run.status !== 0) throw new InputError(`changeset version failed (exit ${run.status})`);

  for (const { vendor, diff } of diffs) {
    if (diff.level === "none") continue;
    const version = JSON.parse(readFileSync(join(vendor.dir, "package.json"), "utf8")).version;
    if (version === vendor.version) throw new InputError(`${vendor.name}: the spec changed (${diff.level}) but no changeset bumps it: run pnpm release:check`);
    writeApiChanges(vendor.dir, version, apiChangesSection(diff));
    console.log(`release:version: ${vendor.name} ${vendor.version} → ${version}, ${diff.changes.length} API change(s) in CHANGELOG.md`);
  }
});
