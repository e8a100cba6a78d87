// @ts-check
/**
 * Bundle size: a tiny browser entry per vendor that imports `create<Vendor>Client` and calls it, bundled
 * with esbuild (bundle, minify, esm, browser) and gzipped with zlib level 9; the same for bare
 * `openapi-fetch`. The size budget test (test/size.test.ts) uses exactly this code.
 *
 * Code a package loads with `import()` only when a feature is used (tracing) goes into chunks of its own,
 * as Vite, Rollup and webpack split it by default: the size is that of what the entry loads statically
 * (`gzipBytes`); the lazy chunks are reported apart (`lazyGzipBytes`).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { BENCH_DIR, ROOT, VENDORS } from "./vendors.mjs";

/** The auth strategy each vendor package uses; a bundle must carry that one and no other. */
export const AUTH_STRATEGIES = ["oauth2PasswordGrant", "basicTokenExchange", "queryTokenExchange", "bearerToken", "apiKeyAuth"];
/** Optional runtime parts worth seeing in a bundle's contents. */
const OPTIONAL_PARTS = ["SlidingWindowLimiter", "PageIterator", "styledQuerySerializer", "formDataBody", "base64JsonParam", "traceCalls", "ResponseValidators"];

/**
 * @typedef {{ name: string, pkg: string, auth?: string, entry: string }} BundleTarget
 * @typedef {{ name: string, pkg: string, entry: string, bytes: number, gzipBytes: number, lazyGzipBytes: number,
 *   byPackage: Record<string, number>, auth: string[], foreignAuth: string[], parts: string[] }} BundleResult
 */

/** @type {BundleTarget[]} */
export const VENDOR_TARGETS = VENDORS.map((v) => ({
  name: v.name,
  pkg: v.pkg,
  auth: v.auth,
  entry: `import { ${v.factory} } from "${v.pkg}";\nexport const client = ${v.factory}(${v.args()});\n`,
}));

/** @type {BundleTarget} */
export const OPENAPI_FETCH_TARGET = {
  name: "openapi-fetch",
  pkg: "openapi-fetch",
  entry: `import createClient from "openapi-fetch";\nexport const client = createClient({ baseUrl: "https://api.example.com" });\n`,
};

/**
 * The bundle as published users would get it: esbuild, bundle + minify, ESM, browser, with dynamic imports
 * split off. `code`: the entry and the chunks it imports statically, in one; `lazy`: the chunks loaded by `import()`.
 * @param {string} entry
 * @param {Partial<esbuild.BuildOptions>} [extra]
 */
async function build(entry, extra = {}) {
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: BENCH_DIR, loader: "js", sourcefile: "entry.js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    splitting: true,
    outdir: join(BENCH_DIR, "out"),
    absWorkingDir: BENCH_DIR,
    write: false,
    metafile: true,
    logLevel: "silent",
    ...extra,
  });
  const metafile = /** @type {esbuild.Metafile} */ (result.metafile);
  /** Output contents by path relative to BENCH_DIR, as the metafile names them. */
  const files = new Map((result.outputFiles ?? []).map((f) => [relative(BENCH_DIR, f.path), f.contents]));
  const entryFile = Object.keys(metafile.outputs).find((f) => ["<stdin>", "entry.js"].includes(metafile.outputs[f]?.entryPoint ?? ""));
  if (!entryFile) throw new Error("esbuild produced no output");
  /** The entry and what it imports statically, transitively. */
  const loaded = new Set([entryFile]);
  for (const f of loaded) for (const i of metafile.outputs[f]?.imports ?? []) if (i.kind === "import-statement" && files.has(i.path)) loaded.add(i.path);
  const concat = (/** @type {string[]} */ names) => Buffer.concat(names.map((f) => files.get(f) ?? new Uint8Array()));
  return { code: concat([...loaded]), loaded, lazy: concat(Object.keys(metafile.outputs).filter((f) => !loaded.has(f))), metafile };
}

/** Which package an input file belongs to (`@specyard/core`, `openapi-fetch`, ...). @param {string} file */
function packageOf(file) {
  const abs = join(BENCH_DIR, file);
  for (let dir = dirname(abs); dir.startsWith(ROOT) || dir.includes("node_modules"); dir = dirname(dir)) {
    const pj = join(dir, "package.json");
    if (existsSync(pj)) return /** @type {{ name?: string }} */ (JSON.parse(readFileSync(pj, "utf8"))).name ?? relative(ROOT, dir);
    if (dir === dirname(dir)) break;
  }
  return file;
}

/** Throws a clear error when a vendor package has not been built. @param {string} pkg */
function assertBuilt(pkg) {
  if (pkg === "openapi-fetch") return;
  const require = createRequire(join(BENCH_DIR, "package.json"));
  const pj = require.resolve(`${pkg}/package.json`);
  const main = join(dirname(pj), /** @type {{ main: string }} */ (JSON.parse(readFileSync(pj, "utf8"))).main);
  if (!existsSync(main)) throw new Error(`${pkg} is not built (${relative(ROOT, main)} is missing): run \`pnpm build\` first`);
}

/**
 * Bundles one target, measures minified and gzip bytes, and lists which auth strategies and optional
 * runtime parts ended up in it (from a second bundle that keeps identifiers, same tree-shaking).
 * @param {BundleTarget} target
 * @returns {Promise<BundleResult>}
 */
export async function measureBundle(target) {
  assertBuilt(target.pkg);
  const { code, loaded, lazy, metafile } = await build(target.entry);
  /** @type {Record<string, number>} */
  const byPackage = {};
  for (const output of [...loaded].map((f) => metafile.outputs[f])) {
    for (const [file, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
      const name = file === "entry.js" ? "(entry)" : packageOf(file);
      byPackage[name] = (byPackage[name] ?? 0) + bytesInOutput;
    }
  }
  const named = Buffer.from((await build(target.entry, { minify: false, minifySyntax: true, minifyWhitespace: true })).code).toString();
  const has = (/** @type {string} */ id) => new RegExp(`\\b(function|class) ${id}\\b|\\b${id} ?= ?class\\b`).test(named);
  const auth = AUTH_STRATEGIES.filter(has);
  return {
    name: target.name,
    pkg: target.pkg,
    entry: target.entry,
    bytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    lazyGzipBytes: lazy.length && gzipSync(lazy, { level: 9 }).length,
    byPackage,
    auth,
    foreignAuth: auth.filter((a) => a !== target.auth),
    parts: OPTIONAL_PARTS.filter(has),
  };
}

/** Every vendor package, then openapi-fetch alone. */
export async function measureBundles() {
  const results = [];
  for (const t of [...VENDOR_TARGETS, OPENAPI_FETCH_TARGET]) results.push(await measureBundle(t));
  return results;
}
