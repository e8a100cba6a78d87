// @ts-check
/**
 * Response validation (`validate: { responses }`, the `./validate` entries): the gzip size of each
 * vendor's validators bundled for the browser, and the time to check one 100-item Blikk page with the
 * precompiled validators (the documented list example's item, repeated with other ids).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { measureBundle } from "./bundle.mjs";
import { BENCH_DIR, VENDORS } from "./vendors.mjs";

/** The `./validate` entry of each vendor as a browser bundle. */
export const VALIDATE_TARGETS = VENDORS.map((v) => ({
  name: `${v.name}/validate`,
  pkg: v.pkg,
  entry: `import { responses } from "${v.pkg}/validate";\nexport { responses };\n`,
}));

/** A Blikk list page of `size` items, from the spec's example of `operation`'s 200 answer. @param {string} path @param {number} size */
function blikkPage(path, size) {
  const require = createRequire(join(BENCH_DIR, "package.json"));
  const spec = JSON.parse(readFileSync(require.resolve("@specyard/blikk/openapi.json"), "utf8"));
  const media = spec.paths[path].get.responses["200"].content["application/json"];
  const example = media.example ?? Object.values(media.examples ?? {})[0]?.value;
  const item = example.items[0];
  return { ...example, pageSize: size, itemCount: size, items: Array.from({ length: size }, (_, i) => ({ ...item, id: i + 1 })) };
}

/**
 * Mean time to validate one page, over `n` checks after a warm-up: CPU time of this process (user +
 * system), which other processes on a shared machine disturb less than the wall clock (`wallMsPerPage`).
 * @param {{ n?: number }} [options]
 */
export async function runValidate({ n = 2000 } = {}) {
  const { responses } = await import("@specyard/blikk/validate");
  /** @type {Record<string, { items: number, msPerPage: number, wallMsPerPage: number, drift: boolean }>} */
  const pages = {};
  for (const path of ["/v1/Core/Contacts", "/v1/Core/Tasks", "/v1/Core/Projects"]) {
    const page = blikkPage(path, 100);
    const operation = `GET ${path}`;
    const drift = responses.check(operation, 200, page) !== undefined;
    for (let i = 0; i < n / 10; i++) responses.check(operation, 200, page);
    const start = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < n; i++) responses.check(operation, 200, page);
    const { user, system } = process.cpuUsage(cpu);
    const perPage = (/** @type {number} */ ms) => Number((ms / n).toFixed(4));
    pages[operation] = { items: page.items.length, msPerPage: perPage((user + system) / 1000), wallMsPerPage: perPage(performance.now() - start), drift };
  }
  /** @type {Record<string, { gzipBytes: number, bytes: number }>} */
  const chunks = {};
  for (const t of VALIDATE_TARGETS) {
    const r = await measureBundle(t);
    chunks[t.name] = { gzipBytes: r.gzipBytes, bytes: r.bytes };
  }
  return { pages, chunks, targetMsPerPage: 0.3 };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runValidate(), null, 2));
