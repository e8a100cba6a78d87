// `pnpm new-vendor` (scripts/new-vendor.mjs) in a throwaway copy of the repository: the working tree's
// files (tracked and new, not ignored) under a temporary folder, made a git repository (changesets
// compares with `main`), with every node_modules a symlink to this checkout's, so nothing is installed.
// The new package's dependencies are the same as packages/endre's, so it borrows endre's node_modules
// (what `pnpm install` would link). One test runs the whole path (lint, generate, build, typecheck,
// the contract tests against Prism, the docs site, the release dry run); the bad-input cases share the copy.
import { execFile, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../lib/specs.mjs";

const run = promisify(execFile);
const FIXTURE = join(ROOT, "scripts/test/fixtures/acme.yaml");
let copy = "";

/** Runs `pnpm new-vendor …` in the copy; resolves to its exit code and output, never throws. */
async function newVendor(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(copy, "scripts/new-vendor.mjs"), ...args], { cwd: copy });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A spec file outside the copy's tree (so git status stays clean). */
function write(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "specyard-spec-")), name);
  writeFileSync(file, text);
  return file;
}

/** The fixture with its bearer scheme swapped for an API key in the query (`?key=…`, core's apiKeyAuth). */
const queryKeyFixture = () =>
  write("acme-key.yaml", readFileSync(FIXTURE, "utf8").replace("      type: http\n      scheme: bearer\n", "      type: apiKey\n      in: query\n      name: key\n"));

/** What git sees as changed in the copy (empty: nothing was written). */
const changes = () => execFileSync("git", ["status", "--porcelain"], { cwd: copy, encoding: "utf8" });

/** A command in the copy; rejects with its output when it fails. */
async function inCopy(cwd: string, file: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd: join(copy, cwd), maxBuffer: 64 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1", FORCE_COLOR: "0" } });
    return stdout + stderr;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`${cwd}: ${[file, ...args].join(" ")} failed\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), "specyard-new-vendor-"));
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(copy, file), { recursive: true });
  const modules = ["node_modules", ...["packages", "scripts", "test", "bench"].flatMap((top) =>
    readdirSync(join(ROOT, top), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${top}/${d.name}/node_modules`))];
  for (const dir of [...modules, "scripts/node_modules", "test/node_modules", "bench/node_modules"]) {
    if (existsSync(join(ROOT, dir)) && !existsSync(join(copy, dir)) && existsSync(dirname(join(copy, dir)))) symlinkSync(join(ROOT, dir), join(copy, dir));
  }
  const git = (...args: string[]) => execFileSync("git", args, { cwd: copy, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("-c", "user.email=test@specyard.invalid", "-c", "user.name=test", "commit", "-qm", "base");
}, 60_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("pnpm new-vendor refuses bad input with one line, exit 2 and nothing written", () => {
  const cases: [string, () => string[], RegExp][] = [
    ["a name that exists", () => ["endre", "--spec", FIXTURE], /a vendor or package named "endre" exists/],
    ["a file that is not OpenAPI 3.x", () => ["acme", "--spec", write("swagger2.yaml", "swagger: '2.0'\ninfo: { title: x, version: '1' }\npaths: {}\n")], /is not an OpenAPI 3\.x document/],
    ["a spec that fails lint", () => ["acme", "--spec", write("unlinted.yaml", readFileSync(FIXTURE, "utf8").replace("      summary: List the tasks\n", ""))], /fails lint under redocly\.yaml \(\d+ problems\)/],
    [
      "an auth scheme with no template (HTTP Basic)",
      () => ["acme", "--spec", write("basic.yaml", readFileSync(FIXTURE, "utf8").replace("      type: http\n      scheme: bearer\n", "      type: http\n      scheme: basic\n"))],
      /security scheme "bearerAuth" \(http basic\) has no template: .* by hand/,
    ],
    ["a pagination scheme core does not know", () => ["acme", "--spec", FIXTURE, "--pagination", "cursor"], /--pagination cursor: core knows plainArrayPages, pagedEnvelope, metaPages/],
  ];
  for (const [title, args, message] of cases) {
    it(title, async () => {
      const before = changes();
      const { code, stderr } = await newVendor(...args());
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(changes()).toBe(before);
    });
  }
});

describe("pnpm new-vendor acme --spec <fixture with an API key in the query>", () => {
  it("scaffolds a package that lints, generates, builds, passes its contract and security tests against Prism, gets a docs page with a TypeScript sample per operation and is in the release dry run", async () => {
    const { code, stdout, stderr } = await newVendor("acme", "--spec", queryKeyFixture());
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("added acme (3 operations, auth: apiKeyQuery, pagination: off)");
    expect(readFileSync(join(copy, "redocly.yaml"), "utf8")).toContain("  acme:\n    root: specs/acme/openapi.yaml\n");
    expect(readFileSync(join(copy, "specs/acme/NOTES.md"), "utf8")).toMatch(/## Operations[^]*## Doc defects[^]*## Decisions/);
    expect(readFileSync(join(copy, ".changeset/acme-initial.md"), "utf8")).toContain(`"@specyard/acme": minor`);
    expect(JSON.parse(readFileSync(join(copy, "scripts/package.json"), "utf8")).devDependencies["@specyard/acme"]).toBe("workspace:*");
    expect(JSON.parse(readFileSync(join(copy, "packages/verify/package.json"), "utf8")).dependencies["@specyard/acme"]).toBe("workspace:*");
    expect(readFileSync(join(copy, "packages/verify/README.md"), "utf8")).toContain("| `acme` | `ACME_API_KEY` |\n");
    // The copy borrows this checkout's node_modules, where verify has no @specyard/acme to publish against
    // (`pnpm install` links it in a real checkout): the release dry run below sees verify as it was.
    execFileSync("git", ["checkout", "--", "packages/verify/package.json"], { cwd: copy });
    symlinkSync(join(ROOT, "packages/endre/node_modules"), join(copy, "packages/acme/node_modules"));

    const bin = (name: string) => join(ROOT, "node_modules/.bin", name);
    await inCopy(".", bin("redocly"), ["lint", "--format=stylish"]);
    await inCopy("packages/acme", process.execPath, ["../../scripts/generate.mjs"]);
    await inCopy("packages/acme", join(copy, "packages/acme/node_modules/.bin/tsup"), ["src/index.ts", "src/mock.ts", "src/validate.ts", "--format", "esm,cjs", "--dts", "--clean", "--target", "es2022"]);
    execFileSync("git", ["add", "-A"], { cwd: copy });
    execFileSync("git", ["-c", "user.email=test@specyard.invalid", "-c", "user.name=test", "commit", "-qm", "acme"], { cwd: copy });

    // Independent of each other: the type check, the contract tests, the docs site, the release dry run.
    // All settle before any failure is reported, so none still writes into the copy when it is removed.
    const settled = await Promise.allSettled([
      inCopy("packages/acme", join(copy, "packages/acme/node_modules/.bin/tsc"), ["--noEmit"]),
      inCopy("packages/acme", join(copy, "packages/acme/node_modules/.bin/vitest"), ["run", "--testTimeout=30000", "--hookTimeout=120000"]),
      inCopy(".", process.execPath, ["scripts/build-docs.mjs"]),
      inCopy(".", "pnpm", ["release:dry-run"]),
    ]);
    const [, tests, , release] = settled.map((r) => {
      if (r.status === "rejected") throw r.reason;
      return r.value;
    });
    expect(tests).toMatch(/Tests\s+\d+ passed \(\d+\)/);
    expect(tests).not.toMatch(/failed/);
    expect(readFileSync(join(copy, "site/index.html"), "utf8")).toContain("createAcmeClient");
    // The docs page: a TypeScript sample on each of the 3 operations, from the package's "specyard" block.
    const page = readFileSync(join(copy, "site/acme.html"), "utf8");
    expect(page.split(`"lang":"TypeScript","label":"@specyard/acme","source":"import { createAcmeClient } from`).length - 1).toBe(3);
    expect(page).toContain("process.env.ACME_API_KEY");
    expect(release).toContain("@specyard/acme");
    expect(release).toContain(".changeset/acme-initial.md");
  }, 180_000);
});
