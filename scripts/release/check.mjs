#!/usr/bin/env node
// @ts-check
// pnpm release:check [--since GIT-REF] [--offline] [--root DIR]
// The semver gate: for every vendor whose spec differs from its baseline (the last release, or the
// spec at GIT-REF), the pending changesets must bump that package by at least the detected level.
// Exit 0: every bump suffices; 1: one does not (the report says which changeset to add); 2: bad input.
import { parseArgs, runCommand } from "./lib/cli.mjs";
import { ROOT } from "../lib/specs.mjs";
import { checkRelease, formatRaised, formatVerdicts, releasePlan } from "./lib/gate.mjs";

await runCommand("release:check", async () => {
  const { options } = parseArgs(process.argv.slice(2), { values: ["since", "root"], flags: ["offline"] });
  const root = /** @type {string} */ (options.root ?? ROOT);
  const verdicts = await checkRelease({ root, since: /** @type {string | undefined} */ (options.since), registry: options.offline ? false : undefined });
  console.log(formatVerdicts(verdicts));
  const { raised } = await releasePlan(root);
  if (raised.length) console.log(formatRaised(raised));
  const failed = verdicts.filter((v) => !v.ok);
  console.log(failed.length ? `release:check: ${failed.length} package(s) need a bigger bump` : "release:check: every spec change has its bump");
  return failed.length ? 1 : 0;
});
