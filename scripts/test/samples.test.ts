// The TypeScript samples of the docs (scripts/lib/samples.mjs, added to every operation by
// build-docs.mjs): one per operation of every API; all of them compile under `strict` against the
// built vendor packages (one tsc run over one generated module per vendor), and all of them run, in this
// process, against the vendors' MSW handlers (`@specyard/<vendor>/mock`).
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { HttpHandler } from "msw";
import { CLIENTS, clientOf, codeSample, operationCalls, samplesModule, strictConsumerTsconfig, withCodeSamples, type Call, type Vendor } from "../lib/samples.mjs";
import { ROOT, listApis, listOperations } from "../lib/specs.mjs";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const OUT = join(ROOT, "scripts/.tmp/samples");

const isVendor = (name: string): name is Vendor => name in CLIENTS;
const vendors = listApis().map((api) => api.name);
const shipped = (vendor: string) => readFileSync(join(ROOT, "packages", vendor, "openapi.json"), "utf8");
const callsOf = (vendor: Vendor): Call[] => operationCalls(vendor, JSON.parse(shipped(vendor))).calls;

/** One module per vendor with every sample (`samples`, by operation), and the strict tsconfig over them. */
function writeSamples(): { files: string[]; snippets: number } {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const files: string[] = [];
  let snippets = 0;
  for (const vendor of vendors.filter(isVendor)) {
    const calls = callsOf(vendor);
    snippets += calls.length;
    writeFileSync(join(OUT, `${vendor}.mts`), samplesModule(vendor, calls));
    files.push(`${vendor}.mts`);
  }
  const tsconfig = strictConsumerTsconfig(files, { noUncheckedIndexedAccess: true, types: ["node"] });
  writeFileSync(join(OUT, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  return { files, snippets };
}
let written: { files: string[]; snippets: number };
beforeAll(() => {
  written = writeSamples();
});

describe("docs code samples", () => {
  it("every API of redocly.yaml has a client to show, and a sample for every operation", () => {
    for (const vendor of vendors) {
      expect(isVendor(vendor), `${vendor} in CLIENTS of scripts/lib/samples.mjs`).toBe(true);
      if (!isVendor(vendor)) continue;
      const spec = JSON.parse(shipped(vendor));
      const docs = withCodeSamples(vendor, spec);
      const ops = listOperations(docs);
      expect(ops.length).toBeGreaterThan(0);
      for (const { method, path, definition: op } of ops) {
        expect(op["x-codeSamples"], `${method} ${path}`).toEqual([
          { lang: "TypeScript", label: clientOf(vendor).pkg, source: expect.stringContaining(path) },
        ]);
      }
      // Only the docs' copy carries them: not the source spec, not the shipped openapi.json.
      expect(JSON.stringify(spec)).not.toContain("x-codeSamples");
      expect(shipped(vendor)).not.toContain("x-codeSamples");
      expect(readFileSync(join(ROOT, "specs", vendor, "openapi.yaml"), "utf8")).not.toContain("x-codeSamples");
    }
  });

  it("samples create the client from the environment, page with paginate, download with parseAs, upload with formDataBody, and read a field", () => {
    const all = vendors.filter(isVendor).flatMap((vendor) => callsOf(vendor).map((call) => ({ vendor, call, code: codeSample(vendor, call) })));
    for (const { vendor, call, code } of all) {
      expect(code).toContain(`import { ${clientOf(vendor).factory}`);
      expect(code).not.toMatch(/!,|!\)/); // no non-null assertions in what users copy
      // The token operation: the client makes that call itself, and the sample says so.
      if (call.operation === clientOf(vendor).token?.operation) expect(code).toMatch(/makes this exchange itself[^]*await \w+\.GET\(/);
      else expect(code).toContain(`("${call.path}"`);
      if (call.paged) expect(code).toMatch(new RegExp(`for await \\(const item of \\w+\\.paginate\\("${call.path.replace(/[{}]/g, "\\$&")}"`));
      if (call.download) expect(code).toContain(`parseAs: "arrayBuffer"`);
      if (call.upload) expect(code).toContain("bodySerializer: formDataBody");
    }
    const kinds = { paged: 0, download: 0, upload: 0, field: 0 };
    for (const { call } of all) {
      if (call.paged) kinds.paged++;
      if (call.download) kinds.download++;
      if (call.upload) kinds.upload++;
      if (/^(data|item)(\??\.|\[)/.test(call.read.expr)) kinds.field++;
    }
    // The four specs have paged lists, downloads and uploads; most answers are JSON objects with a field to read.
    expect(kinds.paged).toBeGreaterThanOrEqual(10);
    expect(kinds.download).toBeGreaterThanOrEqual(2);
    expect(kinds.upload).toBeGreaterThanOrEqual(2);
    expect(kinds.field / all.length).toBeGreaterThan(0.7);
  });

  it("every sample compiles under strict against the built packages", async () => {
    const { files, snippets } = written;
    const t0 = performance.now();
    const out = await run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(OUT, "tsconfig.json")], { cwd: OUT, maxBuffer: 64 << 20 }).then(
      (r) => r.stdout,
      (err: { stdout?: string; message: string }) => err.stdout || err.message,
    );
    const ms = Math.round(performance.now() - t0);
    console.log(`samples: ${snippets} snippets of ${files.length} APIs compiled under strict in ${ms} ms (one tsc run)`);
    expect(snippets).toBeGreaterThan(0);
    expect(out.split("\n").filter((l) => /error TS\d+/.test(l))).toEqual([]);
    expect(out.trim()).toBe("");
  }, 120_000);
});

/** `promise`, or a rejection after `seconds` (one sample that hangs fails alone instead of the whole run). */
function withinSeconds<T>(seconds: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe("docs code samples, run", () => {
  // The credentials the samples read (the names in each package's "specyard" block, which verify documents);
  // the handlers only check they are there. Each vendor's `./mock` handlers at the server its samples use.
  const env = Object.fromEntries(vendors.filter(isVendor).flatMap((vendor) => clientOf(vendor).env.map((name) => [name, "jane@contractor.example"])));
  let server: ReturnType<typeof setupServer>;
  beforeAll(async () => {
    const handlers: HttpHandler[] = [];
    for (const vendor of vendors.filter(isVendor)) {
      const { pkg, baseUrl } = clientOf(vendor);
      const mock = (await import(`${pkg}/mock`)) as { createHandlers: (options: { baseUrl: string }) => HttpHandler[] };
      handlers.push(...mock.createHandlers({ baseUrl }));
    }
    server = setupServer(...handlers);
    Object.assign(process.env, env);
    server.listen({ onUnhandledRequest: "error" });
  });
  afterAll(() => {
    server.close();
    for (const name of Object.keys(env)) delete process.env[name];
  });

  it("every sample runs against its vendor's mock handlers without an error", async () => {
    const failures: string[] = [];
    let ran = 0;
    const t0 = performance.now();
    const quiet = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      for (const vendor of vendors.filter(isVendor)) {
        const { samples } = (await import(pathToFileURL(join(OUT, `${vendor}.mts`)).href)) as { samples: Record<string, () => Promise<void>> };
        for (const [operation, sample] of Object.entries(samples)) {
          ran++;
          await withinSeconds(20, sample()).catch((e: unknown) => failures.push(`${vendor} ${operation}: ${e instanceof Error ? e.message : String(e)}`));
        }
      }
    } finally {
      quiet.mockRestore();
    }
    console.log(`samples: ${ran - failures.length}/${ran} ran against the mocks in ${Math.round(performance.now() - t0)} ms`);
    expect(failures).toEqual([]);
    expect(ran).toBe(written.snippets);
  }, 180_000);
});
