import { describe, expect, it } from "vitest";
import { measureBundles } from "../src/bundle.mjs";
import { runOverhead } from "../src/overhead.mjs";
import { runPaginate } from "../src/paginate.mjs";
import { runRateLimit } from "../src/ratelimit.mjs";
import { toMarkdown } from "../src/report.mjs";
import { checkTargets } from "../src/targets.mjs";
import { checkOnce, generateConsumers } from "../src/typecheck.mjs";

/**
 * The benchmark is not a timed test: this runs each part once, small, and checks that the results are
 * well-formed and sane. The pipeline part runs only in the full `pnpm bench` (it would run this suite).
 */
describe("benchmark smoke run", () => {
  const results: Record<string, any> = { date: new Date().toISOString(), node: process.version.slice(1), machine: "test" };
  const N = 50;

  it("per-request overhead: every contender makes N requests, interleaved, with sane statistics", async () => {
    const o = await runOverhead({ n: N, warmup: 10 });
    // the child-process server variant works too
    const p = await runOverhead({ n: 5, warmup: 1, server: "process" });
    expect(p.serverCounts).toEqual({ "/v1/Core/Contacts": 6 * (5 + 1), "/v1/Auth/Token": 2 });
    results.overhead = o;
    expect(o.contenders.map((c) => c.name)).toEqual([
      "fetch",
      "openapi-fetch",
      "@specyard/blikk",
      "@specyard/blikk, timeoutMs: 0",
      "openapi-fetch + lite Request",
      "axios",
    ]);
    // warm-up and measured rounds, six contenders each; one token request per Blikk client
    expect(o.serverCounts).toEqual({ "/v1/Core/Contacts": 6 * (N + 10), "/v1/Auth/Token": 2 });
    for (const c of o.contenders) {
      expect(c.requests).toBe(N);
      expect(c.totalMs).toBeGreaterThan(0);
      expect(c.p50Us).toBeGreaterThan(0);
      expect(c.p50Us).toBeLessThanOrEqual(c.p99Us);
      expect(c.requestsPerSecond).toBeGreaterThan(0);
      expect(Number.isFinite(c.relativeToFetch)).toBe(true);
    }
    expect(o.contenders[0]!.relativeToFetch).toBe(1);
  });

  it("bundle sizes: every vendor and openapi-fetch, each vendor with exactly its own auth strategy", async () => {
    const b = await measureBundles();
    results.bundles = b;
    expect(b.map((x) => x.pkg)).toEqual(["@specyard/endre", "@specyard/12build", "@specyard/blikk", "@specyard/simplo", "openapi-fetch"]);
    for (const x of b) {
      expect(x.gzipBytes).toBeGreaterThan(1000);
      expect(x.gzipBytes).toBeLessThan(x.bytes);
      expect(x.foreignAuth).toEqual([]);
    }
    const of = b.at(-1)!;
    for (const x of b.slice(0, -1)) {
      expect(x.auth).toHaveLength(1);
      expect(x.byPackage["openapi-fetch"]).toBeGreaterThan(0);
      expect(x.byPackage["@specyard/core"]).toBeGreaterThan(0);
      expect(x.gzipBytes).toBeGreaterThan(of.gzipBytes);
    }
  });

  it("rate limit: 12 calls through @specyard/blikk get no 429 and use the limit well", async () => {
    const l = await runRateLimit({ requests: 12 });
    results.rateLimit = l;
    expect(l.ok).toBe(12);
    expect(l.tooManyRequests).toBe(0);
    expect(l.serverRequests).toBe(12);
    // 0.95+ on a quiet machine; the limiter anchors each slot on its answer, so a loaded machine's
    // latency lowers it a little.
    expect(l.utilisation).toBeGreaterThanOrEqual(0.85);
    expect(l.utilisation).toBeLessThanOrEqual(1.02);
  });

  it("reading whole lists: each stand-in read in order with 0 × 429; Blikk at the spec's largest page size", async () => {
    const g = await runPaginate({ n: [200], latencyMs: 20 });
    results.paginate = g;
    expect(g.rows.map((r) => r.vendor)).toEqual(["Blikk", "Simplo", "12Build"]);
    for (const r of g.rows) {
      expect(r.sequential.tooManyRequests).toBe(0);
      expect(r.defaults.tooManyRequests).toBe(0);
      expect(r.sequential.ms).toBeGreaterThan(0);
    }
    const requests = g.rows.map((r) => [r.vendor, r.sequential.requests, r.ideal?.requests]);
    // 200 items: Blikk 8 pages of the server's default 25, or 2 of the documented maximum 100;
    // plain arrays (12Build) end with an empty page
    expect(requests).toEqual([["Blikk", 8, 2], ["Simplo", 2, undefined], ["12Build", 3, undefined]]);
    const [blikk, simplo, twelve] = g.rows.map((r) => r.defaults.requests);
    expect([blikk, simplo]).toEqual([2, 2]);
    // 12Build reads one page ahead: one more may have been asked for
    expect(twelve).toBeGreaterThanOrEqual(3);
    expect(twelve).toBeLessThanOrEqual(4);
  });

  it("type-checking: the consumer that calls all 139 operations type-checks with zero errors under strict", async () => {
    const gen = generateConsumers();
    expect(gen.operations).toBe(139);
    expect(gen.perVendor).toEqual({ "@specyard/endre": 17, "@specyard/12build": 64, "@specyard/blikk": 45, "@specyard/simplo": 13 });
    const all = await checkOnce("all");
    expect(all.errors).toEqual([]);
    expect(all.exitCode).toBe(0);
    // The route table keeps a call to one lookup: about 15,000 instantiations for 139 calls (7,498 before
    // liberal number inputs and never-undefined errors), where openapi-fetch's per-call conditional types
    // need 188,082 for the same file. A budget, not a timing.
    expect(all.instantiations).toBeGreaterThan(0);
    expect(all.instantiations).toBeLessThan(20_000);
    expect(all.checkTimeS).toBeGreaterThan(0);
    expect(all.memoryKB).toBeGreaterThan(0);
  });

  it("the report: a Markdown table per part and a target list", () => {
    const md = toMarkdown(results);
    for (const s of ["**Per-request overhead**", "**Bundle size**", "**Rate-limit utilisation**", "**Reading whole lists**", "**Targets**", "`@specyard/blikk`"]) {
      expect(md).toContain(s);
    }
    const targets = checkTargets(results);
    expect(targets.find((t) => t.name === "429 answers")?.met).toBe(true);
    expect(targets.find((t) => t.name === "read 200 Blikk items: 429 answers")?.met).toBe(true);
  });
});
