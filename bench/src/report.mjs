// @ts-check
/** Targets and the Markdown tables of a results object. */

export const TARGETS = {
  /** `@specyard/blikk`'s whole stack vs raw fetch (sum of per-request times). */
  overheadRatio: 1.2,
  /** A guard, not a goal: each vendor bundle, openapi-fetch (2.6 kB alone) included (gzip bytes). */
  bundleGzipBytes: 7300,
  /** Check time of the all-operations consumer vs the same calls on bare openapi-fetch clients. */
  typecheckVsOpenapiFetch: 0.5,
  coldBuildS: 60,
  cachedBuildS: 2,
  testS: 180,
  utilisation: 0.95,
  /** Reading a whole Blikk list (new defaults) vs the quota-bound ideal. */
  paginateBlikkVsIdeal: 1.1,
  /** spec:diff over the four vendors' bundles, in one process (ms). */
  specDiffAllMs: 10_000,
  /** Reading a whole Simplo list (new defaults) vs one page after another. */
  paginateSimploVsSequential: 0.5,
};

/**
 * @typedef {{ name: string, value: string, target: string, met: boolean }} TargetCheck
 * @param {any} r results
 * @returns {TargetCheck[]}
 */
export function checkTargets(r) {
  /** @type {TargetCheck[]} */
  const out = [];
  const blikk = r.overhead?.contenders?.find((/** @type {any} */ c) => c.name === "@specyard/blikk");
  if (blikk) {
    out.push({ name: "`@specyard/blikk` per-request time vs raw fetch", value: `${blikk.relativeToFetch.toFixed(2)} ×`, target: `≤ ${TARGETS.overheadRatio.toFixed(2)} ×`, met: blikk.relativeToFetch <= TARGETS.overheadRatio });
  }
  for (const b of r.bundles ?? []) {
    if (b.pkg === "openapi-fetch") continue;
    out.push({ name: `\`${b.pkg}\` bundle (gzip), guard`, value: kb(b.gzipBytes), target: `≤ ${kb(TARGETS.bundleGzipBytes)}`, met: b.gzipBytes <= TARGETS.bundleGzipBytes });
    out.push({ name: `\`${b.pkg}\` bundle carries only its auth strategy`, value: b.auth.join(", ") || "none", target: "one", met: b.foreignAuth.length === 0 });
  }
  if (r.typecheck) {
    const t = r.typecheck;
    out.push({ name: "all-operations consumer: type errors", value: String(t.all.errors.length), target: "0", met: t.all.errors.length === 0 });
    if (t.openapiFetch) {
      const ratio = t.all.checkTimeS / t.openapiFetch.all.checkTimeS;
      out.push({ name: `check time, ${t.operations} calls, vs the same calls on bare openapi-fetch`, value: `${ratio.toFixed(2)} ×`, target: `≤ ${TARGETS.typecheckVsOpenapiFetch} ×`, met: ratio <= TARGETS.typecheckVsOpenapiFetch });
    }
  }
  if (r.pipeline) {
    const p = r.pipeline;
    out.push({ name: "cold `pnpm build`", value: secs(p.coldBuild), target: `≤ ${TARGETS.coldBuildS} s`, met: p.coldBuild.exitCode === 0 && p.coldBuild.seconds <= TARGETS.coldBuildS });
    out.push({ name: "cached `pnpm build`", value: secs(p.cachedBuild), target: `≤ ${TARGETS.cachedBuildS} s`, met: p.cachedBuild.exitCode === 0 && p.cachedBuild.seconds <= TARGETS.cachedBuildS });
    out.push({ name: "`pnpm test`", value: secs(p.test), target: `≤ ${TARGETS.testS} s`, met: p.test.exitCode === 0 && p.test.seconds <= TARGETS.testS });
  }
  if (r.specDiff) {
    out.push({ name: "spec:diff over the four vendors", value: `${(r.specDiff.totalMs / 1000).toFixed(1)} s`, target: `≤ ${TARGETS.specDiffAllMs / 1000} s`, met: r.specDiff.totalMs <= TARGETS.specDiffAllMs });
  }
  if (r.rateLimit) {
    out.push({ name: "rate-limit utilisation", value: r.rateLimit.utilisation.toFixed(3), target: `≥ ${TARGETS.utilisation}`, met: r.rateLimit.utilisation >= TARGETS.utilisation });
    out.push({ name: "429 answers", value: String(r.rateLimit.tooManyRequests), target: "0", met: r.rateLimit.tooManyRequests === 0 });
  }
  if (r.redis) {
    const s = r.redis;
    out.push({ name: "shared store: utilisation", value: s.utilisation.toFixed(3), target: `≥ ${TARGETS.utilisation}`, met: s.utilisation >= TARGETS.utilisation });
    out.push({ name: "shared store: 429s, token requests", value: `${s.tooManyRequests}, ${s.tokenRequests}`, target: "0, 1", met: s.tooManyRequests === 0 && s.tokenRequests === 1 });
  }
  for (const row of r.paginate?.rows ?? []) {
    if (row.vendor === "Blikk" && row.ideal) {
      const ratio = row.defaults.ms / row.ideal.ms;
      out.push({ name: `read ${row.n.toLocaleString("en")} Blikk items vs the quota-bound ideal`, value: `${ratio.toFixed(2)} ×`, target: `≤ ${TARGETS.paginateBlikkVsIdeal} ×`, met: ratio <= TARGETS.paginateBlikkVsIdeal });
      out.push({ name: `read ${row.n.toLocaleString("en")} Blikk items: 429 answers`, value: String(row.defaults.tooManyRequests), target: "0", met: row.defaults.tooManyRequests === 0 });
    }
    if (row.vendor === "Simplo") {
      const ratio = row.defaults.ms / row.sequential.ms;
      out.push({ name: `read ${row.n.toLocaleString("en")} Simplo items vs one page after another (${r.paginate.latencyMs} ms)`, value: `${ratio.toFixed(2)} ×`, target: `≤ ${TARGETS.paginateSimploVsSequential} ×`, met: ratio <= TARGETS.paginateSimploVsSequential });
    }
  }
  return out;
}

/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
/** @param {{ seconds: number, exitCode: number }} step */
const secs = (step) => `${step.seconds.toFixed(1)} s${step.exitCode === 0 ? "" : ` (failed, exit ${step.exitCode})`}`;
/** @param {string[]} header @param {(string | number)[][]} rows */
const table = (header, rows) =>
  [`| ${header.join(" | ")} |`, `|${header.map((h) => (/^(contender|bundle|consumer|step|target|auth|carries|list)/i.test(h) ? "---" : "---:")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

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
