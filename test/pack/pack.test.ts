import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installTarballs, packPackages, publishablePackages, startPrism, type PrismServer, type WorkspacePackage } from "@specyard/contract-harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const require = createRequire(import.meta.url);
const bin = (pkg: string, path: string) => join(dirname(require.resolve(`${pkg}/package.json`)), path);
const localBin = (name: string) => join(here, "node_modules/.bin", name);

/** Every publishable package, read from disk so a new vendor is checked automatically. */
const packages = publishablePackages(root);
/** A package that is a command (a `bin`) with nothing to import. */
const isBinOnly = (m: WorkspacePackage["manifest"]) => Boolean(m.bin) && !m.exports?.["."];

const work = mkdtempSync(join(tmpdir(), "specyard-pack-"));
let tarballs = new Map<string, string>();

const run = (cmd: string, args: string[], cwd: string) =>
  spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });

beforeAll(() => {
  tarballs = packPackages(packages, work);
});

afterAll(() => {
  if (!process.env.KEEP_PACK) rmSync(work, { recursive: true, force: true });
});

describe("every package as published", () => {
  it("packs every publishable package", () => {
    expect(packages.map((p) => p.manifest.name).sort()).toEqual(
      ["@specyard/12build", "@specyard/blikk", "@specyard/core", "@specyard/endre", "@specyard/mock", "@specyard/redis", "@specyard/simplo", "@specyard/spec", "@specyard/verify"],
    );
    for (const [name, file] of tarballs) {
      console.log(`tarball ${name}: ${(statSync(file).size / 1024).toFixed(1)} kB`);
      expect(statSync(file).size).toBeGreaterThan(1000);
    }
  });

  for (const p of packages) {
    it(`${p.manifest.name}: publint finds nothing`, () => {
      const r = run(localBin("publint"), ["--strict", p.dir], p.dir);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/error|warning|suggestion/i);
    });

    // A command-line package (a `bin`, no importable entry) has no types to resolve.
    it(`${p.manifest.name}: attw (ESM-only profile) finds no type resolution problem, or it is a bin only`, () => {
      if (isBinOnly(p.manifest)) {
        expect(p.manifest.bin).toBeTruthy();
        return;
      }
      const tgz = tarballs.get(p.manifest.name)!;
      const r = run(localBin("attw"), [tgz, "--profile", "esm-only", "--format", "table-flipped"], work);
      expect(r.status, r.stdout + r.stderr).toBe(0);
    });

    it(`${p.manifest.name}: ships dist, README and (vendors) the bundled spec, nothing else`, () => {
      const list = execFileSync("tar", ["-tzf", tarballs.get(p.manifest.name)!], { encoding: "utf8" }).trim().split("\n");
      expect(list).toContain("package/package.json");
      expect(list).toContain("package/README.md");
      for (const f of isBinOnly(p.manifest) ? Object.values(p.manifest.bin ?? {}) : ["dist/index.js", "dist/index.d.ts"]) {
        expect(list).toContain(`package/${f.replace(/^\.\//, "")}`);
      }
      if (p.manifest.specyard?.spec) {
        expect(list).toContain("package/openapi.json");
        // The `./mock` entry (MSW handlers) next to the main one.
        expect(list).toContain("package/dist/mock.js");
        expect(list).toContain("package/dist/mock.d.ts");
        // The `./validate` entry (precompiled response validators).
        expect(list).toContain("package/dist/validate.js");
        expect(list).toContain("package/dist/validate.d.ts");
      }
      expect(list.filter((f) => /\/(src|test)\//.test(f) || f.endsWith(".tgz"))).toEqual([]);
      const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarballs.get(p.manifest.name)!, "package/package.json"], { encoding: "utf8" }));
      expect(JSON.stringify(manifest)).not.toContain("workspace:");
    });
  }
});

describe("installed with npm into a fresh project outside the workspace", () => {
  const app = join(work, "app");
  const prisms: PrismServer[] = [];

  beforeAll(() => {
    installTarballs(app, tarballs);
    const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, lib: ["ES2022", "DOM"], types: [], outDir: "out" };
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
    writeFileSync(join(app, "tsconfig.broken.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, files: ["broken.ts"] }));
    // A user's test setup with `@specyard/<vendor>/mock` and msw (installed as @specyard/mock's peer).
    for (const f of ["consumer.ts", "broken.ts", "mock-consumer.mjs"]) copyFileSync(join(here, "fixtures", f), join(app, f));
  });

  afterAll(async () => {
    await Promise.all(prisms.map((p) => p.stop()));
  });

  const tsc = (...args: string[]) => run(process.execPath, [bin("typescript", "bin/tsc"), ...args], app);

  it("a consumer calling one typed operation of each vendor type-checks under strict", () => {
    const r = tsc("-p", "tsconfig.json");
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it("the one deliberate type error is reported, at its line, and nothing else", () => {
    const r = tsc("-p", "tsconfig.broken.json");
    expect(r.status).not.toBe(0);
    const errors = r.stdout.split("\n").filter((l) => /error TS\d+/.test(l));
    expect(errors, r.stdout).toHaveLength(1);
    expect(errors[0]).toMatch(/^broken\.ts\(5,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/);
  });

  it("a test setup with every vendor's ./mock handlers runs without network", () => {
    const r = spawnSync(process.execPath, ["mock-consumer.mjs"], { cwd: app, encoding: "utf8" });
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

  it("npx specyard-verify runs from the installed tarball: a faithful upstream gives exit 0", () => {
    const endre = prisms[0]!;
    const r = spawnSync("npx", ["specyard-verify", "endre", "--base-url", endre.baseUrl, "--report", "verify-endre.json"], {
      cwd: app,
      encoding: "utf8",
      env: { ...process.env, ENDRE_USERNAME: "jane@contractor.example", ENDRE_PASSWORD: "Endre-Pa55word!x" },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/endre .*operations reached, drift 0/);
    expect(r.stdout + r.stderr).not.toContain("Endre-Pa55word!x");
  });
});
