#!/usr/bin/env node
// @ts-check
// pnpm spec:diff [vendor] [--base FILE] [--head FILE] [--since GIT-REF] [--offline] [--json]
// Classifies every change between a vendor's last release and its freshly built bundle as major,
// minor or patch for the vendor's package (rules: lib/rules.mjs, RELEASING.md).
import { diffVendor, formatTable, toJson } from "./lib/changes.mjs";
import { InputError, parseArgs, runCommand } from "./lib/cli.mjs";
import { pickVendors } from "./lib/vendors.mjs";

await runCommand("spec:diff", async () => {
  const { options, positional } = parseArgs(process.argv.slice(2), { values: ["base", "head", "since"], flags: ["json", "offline"] });
  const vendors = pickVendors(positional);
  if ((options.base || options.head) && vendors.length !== 1) throw new InputError("--base and --head compare one vendor: name it (pnpm spec:diff endre --base FILE)");
  const diffs = [];
  for (const vendor of vendors) {
    diffs.push(
      await diffVendor(vendor, {
        base: /** @type {string | undefined} */ (options.base),
        head: /** @type {string | undefined} */ (options.head),
        since: /** @type {string | undefined} */ (options.since),
        registry: options.offline ? false : undefined,
      }),
    );
  }
  if (options.json) console.log(JSON.stringify(diffs.length === 1 && positional.length === 1 ? toJson(diffs[0]) : diffs.map(toJson), null, 2));
  else console.log(formatTable(diffs));
});
