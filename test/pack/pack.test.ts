import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
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
/** The fresh npm project with every tarball installed: installed once, by the first describe that needs it. */
const app = join(work, "app");
let installed = false;
const installedApp = () => {
  if (!installed) installTarballs(app, tarballs);
  installed = true;
  return app;
};

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
    it(`${p.manifest.name}: attw finds no type resolution problem in any profile (node10, node16 CJS and ESM, bundler), or it is a bin only`, () => {
      if (isBinOnly(p.manifest)) {
        expect(p.manifest.bin).toBeTruthy();
        return;
      }
      const tgz = tarballs.get(p.manifest.name)!;
      const r = run(localBin("attw"), [tgz, "--format", "table-flipped"], work);
      expect(r.status, r.stdout + r.stderr).toBe(0);
    });

    it(`${p.manifest.name}: ships dist, README and (vendors) the bundled spec, nothing else`, () => {
      const list = execFileSync("tar", ["-tzf", tarballs.get(p.manifest.name)!], { encoding: "utf8" }).trim().split("\n");
      expect(list).toContain("package/package.json");
      expect(list).toContain("package/README.md");
      for (const f of isBinOnly(p.manifest) ? Object.values(p.manifest.bin ?? {}) : ["dist/index.js", "dist/index.d.ts", "dist/index.cjs", "dist/index.d.cts"]) {
        expect(list).toContain(`package/${f.replace(/^\.\//, "")}`);
      }
      if (p.manifest.specyard?.spec) {
        expect(list).toContain("package/openapi.json");
        // The `./mock` entry (MSW handlers) next to the main one.
        expect(list).toContain("package/dist/mock.js");
        expect(list).toContain("package/dist/mock.d.ts");
        expect(list).toContain("package/dist/mock.cjs");
        expect(list).toContain("package/dist/mock.d.cts");
        // The `./validate` entry (precompiled response validators).
        expect(list).toContain("package/dist/validate.js");
        expect(list).toContain("package/dist/validate.cjs");
        expect(list).toContain("package/dist/validate.d.ts");
      }
      expect(list.filter((f) => /\/(src|test)\//.test(f) || f.endsWith(".tgz"))).toEqual([]);
      const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarballs.get(p.manifest.name)!, "package/package.json"], { encoding: "utf8" }));
      expect(JSON.stringify(manifest)).not.toContain("workspace:");
    });

    // On npm a README's relative link only works for a file in the tarball (examples/ is not): link to the repository.
    it(`${p.manifest.name}: every relative link of the README points into the tarball`, () => {
      const tgz = tarballs.get(p.manifest.name)!;
      const list = execFileSync("tar", ["-tzf", tgz], { encoding: "utf8" }).trim().split("\n");
      const readme = execFileSync("tar", ["-xzOf", tgz, "package/README.md"], { encoding: "utf8" });
      const relative = [...readme.matchAll(/\]\((?!https?:|#|mailto:)([^)\s]+)\)/g)].map((m) => m[1]!.replace(/^\.\//, "").replace(/#.*$/, ""));
      expect(relative.filter((link) => !list.includes(`package/${link}`))).toEqual([]);
    });

    // `workspace:^` on a 0.0.0 package packs to `^0.0.0`, which only 0.0.0 satisfies: a user who installs
    // the next patch of a peer would be refused.
    it(`${p.manifest.name}: every peer range admits more than one version`, () => {
      const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarballs.get(p.manifest.name)!, "package/package.json"], { encoding: "utf8" }));
      for (const [name, range] of Object.entries<string>(manifest.peerDependencies ?? {})) {
        expect(range, `peer ${name}`).not.toMatch(/^(\^0\.0\.\d+|=?\d+\.\d+\.\d+)$/);
      }
    });
  }
});

describe("installed with npm into a fresh project outside the workspace", () => {
  const prisms: PrismServer[] = [];

  beforeAll(() => {
    installedApp();
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
  it("every entry loads with require() from a .cjs file, and a typed call reaches a loopback server", () => {
    const dir = installedApp();
    copyFileSync(join(here, "fixtures", "require-consumer.cjs"), join(dir, "require-consumer.cjs"));
    const r = spawnSync(process.execPath, ["require-consumer.cjs"], { cwd: dir, encoding: "utf8" });
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

  beforeAll(() => {
    cpSync(installedApp(), msw3App, { recursive: true });
    const r = run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--save-dev", MSW3], msw3App);
    if (r.status !== 0) throw new Error(`npm install ${MSW3} failed:\n${r.stdout}\n${r.stderr}`);
    for (const f of ["mock-consumer.mjs", "require-consumer.cjs", "msw-listen.ts"]) copyFileSync(join(here, "fixtures", f), join(msw3App, f));
  });

  it("the installed msw is 3 and no peer was refused", () => {
    const r = run("npm", ["ls", "msw", "--json"], msw3App);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).dependencies.msw.version).toMatch(/^3\./);
  });

  it("every vendor's ./mock handlers answer, and refuse calls without credentials", () => {
    const r = run("npx", ["-y", NODE22, "mock-consumer.mjs"], msw3App);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split("\n").pop()!)).toEqual({ endre: 2, blikk: ["John Doe"], twelve: 1, simplo: 2, refused: [401, 401, 401, 401] });
  });

  it("the ./mock entries load with require() too", () => {
    const r = run("npx", ["-y", NODE22, "require-consumer.cjs"], msw3App);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split("\n").pop()!)).toMatchObject({ name: "Harbour Offices" });
  });

  it("the READMEs' server.listen(...) type-checks with msw 3's types", () => {
    const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, lib: ["ES2022", "DOM"], types: [], noEmit: true, skipLibCheck: true };
    writeFileSync(join(msw3App, "tsconfig.msw.json"), JSON.stringify({ compilerOptions, files: ["msw-listen.ts"] }));
    const r = run(process.execPath, [bin("typescript", "bin/tsc"), "-p", "tsconfig.msw.json"], msw3App);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});
