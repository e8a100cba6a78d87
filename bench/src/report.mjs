// @ts-check
/** The Markdown tables of a results object (results.md; the README's Benchmarks section). */
import { kb, secs, table } from "./format.mjs";
import { checkTargets } from "./targets.mjs";

/**
 * The Markdown report (results.md; also the README's Benchmarks section).
 * @param {any} r results
 */
export function toMarkdown(r) {
  const parts = [`Measured ${r.date.slice(0, 10)} on ${r.machine} (Node ${r.node}) with \`pnpm bench\`.`];

  if (r.overhead) {
    const o = r.overhead;
    parts.push(
      `**Per-request overhead**: ${o.n.toLocaleString("en")} sequential \`GET /v1/Core/Contacts\` per contender against a local \`node:http\` server ` +
        `(${o.server === "process" ? "in a child process" : "in the same process"}, answering a ${(o.bodyBytes / 1000).toFixed(1)} kB JSON page of ${o.items} contacts), ` +
        `interleaved request by request in shuffled order after a warm-up; × raw fetch compares the sums of per-request times. ` +
        `\`@specyard/blikk\`: token auth (cached), retry, 60 s deadline, limiter off; \`timeoutMs: 0\` drops the per-call deadline; ` +
        `"lite Request" is bare openapi-fetch sending \`fetch(url, init)\` instead of building a \`Request\` first (what core now does).`,
      table(
        ["contender", "req/s", "p50 µs", "p99 µs", "mean µs", "× raw fetch", "+µs / request"],
        o.contenders.map((/** @type {any} */ c) => [
          `\`${c.name}\``,
          c.requestsPerSecond.toLocaleString("en"),
          c.p50Us.toFixed(0),
          c.p99Us.toFixed(0),
          c.meanUs.toFixed(0),
          c.relativeToFetch.toFixed(2),
          c.name === "fetch" ? "–" : c.extraUsPerRequest.toFixed(0),
        ]),
      ),
    );
  }

  if (r.bundles) {
    parts.push(
      "**Bundle size**: an entry that imports `create<Vendor>Client` and calls it, bundled by esbuild (bundle, minify, ESM, browser), gzip level 9.",
      table(
        ["bundle", "minified", "gzip", "openapi-fetch / core / vendor (minified)", "auth strategy in bundle"],
        r.bundles.map((/** @type {any} */ b) => [
          `\`${b.pkg}\``,
          kb(b.bytes),
          kb(b.gzipBytes),
          b.pkg === "openapi-fetch"
            ? kb(b.byPackage["openapi-fetch"] ?? 0)
            : [b.byPackage["openapi-fetch"] ?? 0, b.byPackage["@specyard/core"] ?? 0, b.byPackage[b.pkg] ?? 0].map(kb).join(" / "),
          b.pkg === "openapi-fetch" ? "–" : b.auth.join(", ") + (b.foreignAuth.length ? " (foreign!)" : ""),
        ]),
      ),
    );
  }

  if (r.typecheck) {
    const t = r.typecheck;
    parts.push(
      `**Type-checking cost**: \`tsc --noEmit --extendedDiagnostics\` (strict) of a generated consumer that calls all ${t.operations} operations ` +
        `(${Object.entries(t.perVendor).map(([p, n]) => `${p.replace("@specyard/", "")} ${n}`).join(", ")}) with the specs' example arguments, ` +
        `and of one that builds the same four clients and makes one call; the same two files on bare \`openapi-fetch\` clients ` +
        `typed by the same \`paths\` as a baseline; and the floor: the same ${t.operations} calls on methods that are only generic in the path ` +
        `(one route-table lookup, init unchecked), i.e. what the \`client.GET(path, init)\` call shape costs before any parameter is checked; median of ${t.runs} runs.`,
      table(
        ["consumer", "calls", "type errors", "check time", "total time", "instantiations", "types", "memory"],
        [t.all, t.one, ...(t.openapiFetch ? [t.openapiFetch.all, t.openapiFetch.one] : []), ...(t.floor ? [t.floor.all] : [])].map((c) => [
          `${c.calls === 1 ? "one call" : "all operations"}${c.client === "openapi-fetch" ? ", bare openapi-fetch clients (baseline)" : c.client === "floor" ? ", path-generic methods only (floor)" : ""}`,
          c.calls,
          c.errors.length,
          `${c.checkTimeS.toFixed(2)} s`,
          `${c.totalTimeS.toFixed(2)} s`,
          c.instantiations.toLocaleString("en"),
          c.types.toLocaleString("en"),
          `${Math.round(c.memoryKB / 1000)} MB`,
        ]),
      ),
    );
  }

  if (r.pipeline) {
    const p = r.pipeline;
    parts.push(
      "**Pipeline** (wall time; cold = every `dist/`, `src/generated/`, `openapi.json`, `site/`, `.turbo/` and turbo's cache removed first):",
      table(
        ["step", "wall time"],
        [
          ["cold `pnpm build`", secs(p.coldBuild)],
          ["cached `pnpm build`", secs(p.cachedBuild)],
          ["`pnpm test`", secs(p.test)],
        ],
      ),
    );
  }

  if (r.specDiff) {
    const d = r.specDiff;
    parts.push(
      "**spec:diff** (`bench/src/specdiff.mjs`): each vendor's bundle against a baseline with an extra operation, an extra response field and a reworded description; " +
        `and \`pnpm spec:diff --json\` over all four against their real baselines, process start to end: ${(d.cliMs / 1000).toFixed(1)} s.`,
      table(["vendor", "diff time", "level", "changes"], d.rows.map((/** @type {any} */ x) => [x.vendor, `${(x.ms / 1000).toFixed(2)} s`, x.level, x.changes])),
    );
  }

  if (r.rateLimit) {
    const l = r.rateLimit;
    parts.push(
      `**Rate-limit utilisation**: ${l.requests} concurrent calls through \`@specyard/blikk\` (default limiter) against a server that answers 429 ` +
        `to any request within ${l.windowMs} ms of ${l.limit} others; rate = (requests − ${l.limit}) ÷ (last arrival − first arrival).`,
      table(
        ["requests", "req/s", "utilisation (÷ 4)", "429s", "wall time"],
        [[l.requests, l.requestsPerSecond.toFixed(2), l.utilisation.toFixed(3), l.tooManyRequests, `${(l.wallMs / 1000).toFixed(1)} s`]],
      ),
    );
  }

  if (r.redis) {
    const s = r.redis;
    parts.push(
      `**Shared store** (\`@specyard/redis\` on a local \`redis-server\`): ${s.processes} worker processes × ${s.requests} concurrent Blikk calls, ` +
        `half on ioredis, half on node-redis, against the same strict ${s.limit}-per-${s.windowMs}-ms server; and the latency the store adds to one call ` +
        `(${s.calls} sequential calls to a local server, limit never reached).`,
      table(
        ["processes × requests", "succeeded", "utilisation (÷ 4)", "429s", "token requests", "store warnings", "wall time", "ms/call without store", "ms/call with store", "added per call"],
        [[`${s.processes} × ${s.requests}`, s.ok, s.utilisation.toFixed(3), s.tooManyRequests, s.tokenRequests, s.storeWarnings.length, `${(s.wallMs / 1000).toFixed(1)} s`, s.msPerCallWithout.toFixed(3), s.msPerCallWith.toFixed(3), `${s.addedMsPerCall.toFixed(3)} ms`]],
      ),
    );
  }

  if (r.paginate) {
    const g = r.paginate;
    const cell = (/** @type {{ ms: number, requests: number, tooManyRequests: number }} */ x) => `${(x.ms / 1000).toFixed(1)} s, ${x.requests} req${x.tooManyRequests ? `, ${x.tooManyRequests} × 429` : ""}`;
    parts.push(
      `**Reading whole lists** (\`bench/src/paginate.mjs\`): \`for await (const item of client.paginate(path))\` over N items against local stand-ins ` +
        `that answer after ${g.latencyMs} ms: Blikk with a strict 4 requests per second (page size default 25, documented maximum 100), ` +
        `Simplo without a quota (100 per page), 12Build plain arrays without a total (\`pageSize: 100\` given). "sequential" is what \`paginate\` did before: ` +
        `one page after another with the server's default page size (\`concurrency: 1\`); "defaults" is \`paginate(path)\` now. ` +
        `Blikk's quota-bound ideal: ceil(N / 100) requests at 4 per second plus one answer's latency. Token requests are made before the clock starts.`,
      table(
        ["list", "N", "sequential", "defaults", "defaults ÷ sequential", "ideal", "defaults ÷ ideal"],
        g.rows.map((/** @type {any} */ x) => [
          x.vendor,
          x.n.toLocaleString("en"),
          cell(x.sequential),
          cell(x.defaults),
          `${(x.defaults.ms / x.sequential.ms).toFixed(2)} ×`,
          x.ideal ? `${(x.ideal.ms / 1000).toFixed(1)} s, ${x.ideal.requests} req` : "–",
          x.ideal ? `${(x.defaults.ms / x.ideal.ms).toFixed(2)} ×` : "–",
        ]),
      ),
    );
  }

  const targets = checkTargets(r);
  if (targets.length) {
    parts.push("**Targets**", table(["target", "measured", "goal", "met"], targets.map((t) => [t.name, t.value, t.target, t.met ? "yes" : "**no**"])));
  }
  return `${parts.join("\n\n")}\n`;
}
