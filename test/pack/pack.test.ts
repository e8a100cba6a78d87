// The packed packages installed with npm into a fresh project outside the workspace (setup.ts), used as a
// user would: a strict consumer, a deliberate type error, the ./mock handlers, Prism mocks from the shipped
// specs, the verify command, require() from CommonJS, and msw 3 on Node 22.
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCommand as run, startPrism, type PrismServer } from "@specyard/contract-harness";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const bin = (pkg: string, path: string) => join(dirname(require.resolve(`${pkg}/package.json`)), path);
const { app, work } = inject("pack");

describe("installed with npm into a fresh project outside the workspace", () => {
  const prisms: PrismServer[] = [];
  const tsc = (...args: string[]) => run(process.execPath, [bin("typescript", "bin/tsc"), ...args], app);
  /** The strict consumer's compile (its output runs against Prism below), started once the files are in place. */
  let compiled: ReturnType<typeof tsc>;

  beforeAll(() => {
    const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, lib: ["ES2022", "DOM"], types: [], outDir: "out" };
    // One program holds the strict consumer and the file with one deliberate error: one compile answers both
    // tests below (the errors are told apart by file), and tsc still emits out/consumer.js for the Prism run.
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["consumer.ts", "broken.ts"] }));
    // A user's test setup with `@specyard/<vendor>/mock` and msw (installed as @specyard/mock's peer).
    for (const f of ["consumer.ts", "broken.ts", "mock-consumer.mjs"]) copyFileSync(join(here, "fixtures", f), join(app, f));
    compiled = tsc("-p", "tsconfig.json");
  });

  afterAll(async () => {
    await Promise.all(prisms.map((p) => p.stop()));
  });

  /** The compile's error lines (`file(line,col): error TSnnnn: …`). */
  const errorLines = async () => (await compiled).stdout.split("\n").filter((l) => /error TS\d+/.test(l));

  it.concurrent("a consumer calling one typed operation of each vendor type-checks under strict", async () => {
    const r = await compiled;
    expect((await errorLines()).filter((l) => !l.startsWith("broken.ts(")), r.stdout).toEqual([]);
    expect(existsSync(join(app, "out/consumer.js")), "out/consumer.js emitted").toBe(true);
  });

  it.concurrent("the one deliberate type error is reported, at its line, and nothing else", async () => {
    const r = await compiled;
    expect(r.status).not.toBe(0);
    const errors = (await errorLines()).filter((l) => l.startsWith("broken.ts("));
    expect(errors, r.stdout).toHaveLength(1);
    expect(errors[0]).toMatch(/^broken\.ts\(5,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/);
  });

  it.concurrent("a test setup with every vendor's ./mock handlers runs without network", async () => {
    const r = await run(process.execPath, ["mock-consumer.mjs"], app);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split("\n").pop()!)).toEqual({
      endre: 2,
      blikk: ["John Doe"],
      twelve: 1,
      simplo: 2,
      refused: [401, 401, 401, 401],
    });
  });

  it("the consumer runs against Prism mocks started from the shipped specs", async () => {
    expect((await errorLines()).filter((l) => !l.startsWith("broken.ts(")), "the consumer compiled to out/consumer.js").toEqual([]);
    const spec = (name: string) => join(app, "node_modules", name, "openapi.json");
    const [endre, blikk, twelve, simplo] = await Promise.all(
      ["@specyard/endre", "@specyard/blikk", "@specyard/12build", "@specyard/simplo"].map((n) => startPrism(spec(n))),
    );
    prisms.push(endre!, blikk!, twelve!, simplo!);
    const r = spawnSync(process.execPath, ["out/consumer.js"], {
      cwd: app,
      encoding: "utf8",
      env: { ...process.env, ENDRE_URL: endre!.baseUrl, BLIKK_URL: blikk!.baseUrl, TWELVEBUILD_URL: twelve!.baseUrl, SIMPLO_URL: simplo!.baseUrl },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const result = JSON.parse(r.stdout.trim().split("\n").pop()!);
    expect(result).toEqual({
      projectName: "P-1001 - Harbour Offices",
      contactCount: 1,
      twelveCount: expect.any(Number),
      reportCount: expect.any(Number),
      notFound: "function",
    });
    expect(result.twelveCount).toBeGreaterThan(0);
    expect(result.reportCount).toBeGreaterThan(0);
  });

  it("npx @specyard/verify runs from the installed tarball: a faithful upstream gives exit 0", () => {
    const endre = prisms[0]!;
    const r = spawnSync("npx", ["@specyard/verify", "endre", "--base-url", endre.baseUrl, "--report", "verify-endre.json"], {
      cwd: app,
      encoding: "utf8",
      env: { ...process.env, ENDRE_USERNAME: "jane@contractor.example", ENDRE_PASSWORD: "Endre-Pa55word!x" },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/endre .*operations reached, drift 0/);
    expect(r.stdout + r.stderr).not.toContain("Endre-Pa55word!x");
  });
});

describe("required from CommonJS", () => {
  it("every entry loads with require() from a .cjs file, and a typed call reaches a loopback server", async () => {
    copyFileSync(join(here, "fixtures", "require-consumer.cjs"), join(app, "require-consumer.cjs"));
    const r = await run(process.execPath, ["require-consumer.cjs"], app);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const result = JSON.parse(r.stdout.trim().split("\n").pop()!);
    expect(Object.keys(result.loaded)).toHaveLength(11);
    for (const [entry, exports] of Object.entries(result.loaded)) expect(exports, entry).toBeGreaterThan(0);
    expect(result).toMatchObject({ name: "Harbour Offices", asked: ["GET /api/v0/projects/7 with authorization"], apiError: "function" });
  });
});

// msw 3 runs on Node >= 22.12 only (`Promise.withResolvers`), so this part runs on the Node 22 of the
// runtime matrix (test/runtimes), fetched once per machine by `npx`. The installed project is copied and
// only msw is replaced, so the tarballs are not installed a second time.
describe("with msw 3 on Node 22", () => {
  const MSW3 = "msw@3.0.5";
  const NODE22 = "node@22.23.3";
  const msw3App = join(work, "app-msw3");

  beforeAll(async () => {
    cpSync(app, msw3App, { recursive: true });
    const r = await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--save-dev", MSW3], msw3App);
    if (r.status !== 0) throw new Error(`npm install ${MSW3} failed:\n${r.stdout}\n${r.stderr}`);
    for (const f of ["mock-consumer.mjs", "require-consumer.cjs", "msw-listen.ts"]) copyFileSync(join(here, "fixtures", f), join(msw3App, f));
  });

  it("the installed msw is 3 and no peer was refused", async () => {
    const r = await run("npm", ["ls", "msw", "--json"], msw3App);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).dependencies.msw.version).toMatch(/^3\./);
  });

  it("every vendor's ./mock handlers answer, and refuse calls without credentials", async () => {
    const r = await run("npx", ["-y", NODE22, "mock-consumer.mjs"], msw3App);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split("\n").pop()!)).toEqual({ endre: 2, blikk: ["John Doe"], twelve: 1, simplo: 2, refused: [401, 401, 401, 401] });
  });

  it("the ./mock entries load with require() too", async () => {
    const r = await run("npx", ["-y", NODE22, "require-consumer.cjs"], msw3App);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split("\n").pop()!)).toMatchObject({ name: "Harbour Offices" });
  });

  it("the READMEs' server.listen(...) type-checks with msw 3's types", async () => {
    const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, lib: ["ES2022", "DOM"], types: [], noEmit: true, skipLibCheck: true };
    writeFileSync(join(msw3App, "tsconfig.msw.json"), JSON.stringify({ compilerOptions, files: ["msw-listen.ts"] }));
    const r = await run(process.execPath, [bin("typescript", "bin/tsc"), "-p", "tsconfig.msw.json"], msw3App);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});
