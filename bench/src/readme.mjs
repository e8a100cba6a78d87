// @ts-check
/**
 * `pnpm --filter @specyard/bench readme`: puts bench/results.md (from the last `pnpm bench`) into the
 * README's final `## Benchmarks` section, replacing the previous one. Touches nothing else.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH_DIR, ROOT } from "./vendors.mjs";

const HEADING = "## Benchmarks";
const readmePath = join(ROOT, "README.md");
const readme = readFileSync(readmePath, "utf8");
const results = readFileSync(join(BENCH_DIR, "results.md"), "utf8").trim();
const section = `${HEADING}\n\n${results}\n\nRe-run with \`pnpm bench\` (writes \`bench/results.json\` and \`bench/results.md\`; about 4 minutes; it rebuilds everything cold first), then \`pnpm --filter @specyard/bench readme\` to put the new tables here.\n`;

const at = readme.search(/^## Benchmarks[ \t]*$/m);
let out;
if (at === -1) {
  out = `${readme.trimEnd()}\n\n${section}`;
} else {
  // The section runs to the next level-2 heading (or the end).
  const rest = readme.slice(at + HEADING.length);
  const next = rest.search(/^## /m);
  out = `${readme.slice(0, at)}${section}${next === -1 ? "" : `\n${rest.slice(next)}`}`;
}
writeFileSync(readmePath, out);
console.log(`README.md: ${at === -1 ? "added" : "replaced"} the ${HEADING} section`);
