// @ts-check
/**
 * `pnpm bench`: runs every benchmark and writes bench/results.json and bench/results.md.
 *
 *   node src/run.mjs [--n=20000] [--only=overhead,bundle,validate,typecheck,ratelimit,redis,paginate,pipeline,specdiff] [--skip=pipeline]
 *
 * A partial run (--only / --skip) replaces its parts in the existing results.json and keeps the rest.
 *
 * Environment: BENCH_N (requests per contender), BENCH_ONLY / BENCH_SKIP (comma-separated parts),
 * BENCH_SERVER=process (overhead server in a child process instead of this one).
 */
import { cpus } from "node:os";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { measureBundles } from "./bundle.mjs";
import { BENCH_DIR } from "./vendors.mjs";
import { runOverhead } from "./overhead.mjs";
import { runPaginate } from "./paginate.mjs";
import { runPipeline } from "./pipeline.mjs";
import { runRateLimit } from "./ratelimit.mjs";
import { runRedisStore } from "./redis.mjs";
import { runSpecDiff } from "./specdiff.mjs";
import { toMarkdown } from "./report.mjs";
import { checkTargets } from "./targets.mjs";
import { runTypecheck } from "./typecheck.mjs";
import { runValidate } from "./validate.mjs";

const PARTS = ["overhead", "bundle", "validate", "typecheck", "ratelimit", "redis", "paginate", "pipeline", "specdiff"];

/** @param {string} name */
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const list = (/** @type {string | undefined} */ s) => (s ? s.split(",").map((x) => x.trim()).filter(Boolean) : undefined);
const only = list(arg("only") ?? process.env.BENCH_ONLY) ?? PARTS;
const skip = list(arg("skip") ?? process.env.BENCH_SKIP) ?? [];
for (const p of [...only, ...skip]) if (!PARTS.includes(p)) throw new Error(`unknown part ${p}; parts: ${PARTS.join(", ")}`);
const want = (/** @type {string} */ p) => only.includes(p) && !skip.includes(p);
const n = Number(arg("n") ?? process.env.BENCH_N ?? 20_000);

const log = (/** @type {string} */ m) => console.log(`[bench] ${m}`);
const cpu = cpus();

const resultsPath = join(BENCH_DIR, "results.json");
const partial = PARTS.some((p) => !want(p));
/** @type {Record<string, any>} */
const results = {
  // A partial run (--only / --skip) keeps the other parts of the previous results.
  ...(partial && existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, "utf8")) : {}),
  date: new Date().toISOString(),
  node: process.version.slice(1),
  machine: `${cpu.length} × ${cpu[0]?.model.trim() ?? "cpu"}`,
};

// First, on a machine that has not been busy for minutes (these 2-core VMs slow down under sustained
// load, and `pnpm test` has timing-sensitive limiter tests). It removes and rebuilds every build
// output; the parts below measure what it built.
if (want("pipeline")) {
  log("pipeline: cold build, cached build, test…");
  results.pipeline = await runPipeline();
}
if (want("overhead")) {
  log(`per-request overhead: ${n} requests per contender…`);
  results.overhead = await runOverhead({ n, server: process.env.BENCH_SERVER === "process" ? "process" : "inline" });
}
if (want("bundle")) {
  log("bundle sizes…");
  results.bundles = await measureBundles();
}
if (want("validate")) {
  log("response validation: ./validate bundle sizes, time per 100-item Blikk page…");
  results.validate = await runValidate();
}
if (want("ratelimit")) {
  log("rate-limit utilisation (60 requests, ~15 s)…");
  results.rateLimit = await runRateLimit({ requests: 60 });
}
if (want("redis")) {
  log("shared store: 4 processes × 25 calls on one Redis (~30 s), latency added per call…");
  results.redis = await runRedisStore({ processes: 4, requests: 25, calls: 500 });
}
if (want("paginate")) {
  log("reading whole lists: 2,000 and 10,000 items, sequential vs new defaults (~5 min)…");
  results.paginate = await runPaginate({ n: [2000, 10_000], latencyMs: 300 });
}
if (want("specdiff")) {
  log("spec:diff over the four vendors…");
  results.specDiff = await runSpecDiff();
}
if (want("typecheck")) {
  log("type-checking cost (tsc, 3 runs of each consumer)…");
  results.typecheck = await runTypecheck({ runs: 3 });
}

results.targets = checkTargets(results);
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
const md = toMarkdown(results);
writeFileSync(join(BENCH_DIR, "results.md"), md);
console.log(`\n${md}`);
log("wrote bench/results.json and bench/results.md");
