// release:check and the commands' bad input, run as a user runs them (`node check.mjs …`) on a
// throwaway git workspace: one vendor package (Endre) whose built spec is edited in-process.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const work = mkdtempSync(join(tmpdir(), "specyard-release-check-"));
const endre = JSON.parse(readFileSync(join(root, "packages/endre/openapi.json"), "utf8"));
const manifest = JSON.parse(readFileSync(join(root, "packages/endre/package.json"), "utf8"));

const git = (...args: string[]) => execFileSync("git", args, { cwd: work, stdio: "pipe" });
const command = (script: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [join(here, "..", script), ...args], { cwd: work, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, out: r.stdout, err: r.stderr };
};
const check = (...args: string[]) => command("check.mjs", "--root", work, "--offline", ...args);

/** The built bundle of the workspace's Endre package (what `pnpm build` would have written). */
function writeBuiltSpec(edit: (spec: Record<string, any>) => void = () => {}) {
  const spec = structuredClone(endre);
  edit(spec);
  writeFileSync(join(work, "packages/endre/openapi.json"), JSON.stringify(spec));
}
function writeChangeset(name: string, bump: string, pkg = "@specyard/endre") {
  writeFileSync(join(work, ".changeset", `${name}.md`), `---\n"${pkg}": ${bump}\n---\n\nRemove listProjects.\n`);
}
function clearChangesets() {
  rmSync(join(work, ".changeset"), { recursive: true, force: true });
  mkdirSync(join(work, ".changeset"));
  cpSync(join(root, ".changeset/config.json"), join(work, ".changeset/config.json"));
}

beforeAll(() => {
  // The released state, committed: specs/, redocly.yaml and the package at version 0.1.0.
  cpSync(join(root, "specs/endre"), join(work, "specs/endre"), { recursive: true });
  cpSync(join(root, "redocly.yaml"), join(work, "redocly.yaml"));
  writeFileSync(join(work, "package.json"), JSON.stringify({ name: "workspace", private: true }));
  writeFileSync(join(work, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n");
  mkdirSync(join(work, "packages/endre"), { recursive: true });
  writeFileSync(join(work, "packages/endre/package.json"), JSON.stringify({ name: manifest.name, version: "0.1.0", specyard: manifest.specyard }));
  writeFileSync(join(work, ".gitignore"), "openapi.json\n");
  clearChangesets();
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "release 0.1.0");
  git("tag", `${manifest.name}@0.1.0`);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("release:check", () => {
  it("passes when the spec is unchanged since the release tag and nothing is pending", () => {
    clearChangesets();
    writeBuiltSpec();
    const r = check();
    expect(r.status, r.out + r.err).toBe(0);
    expect(r.out).toContain(`ok    @specyard/endre: spec unchanged since specs/ at @specyard/endre@0.1.0`);
  });

  it("refuses an operation removed with a minor changeset: exit 1, the change and the changeset to add", () => {
    clearChangesets();
    writeBuiltSpec((s) => delete s.paths["/v1/projects"].get);
    writeChangeset("remove-list", "minor");
    const r = check();
    expect(r.status, r.out + r.err).toBe(1);
    expect(r.out).toContain("FAIL  @specyard/endre: the spec needs a major bump (against specs/ at @specyard/endre@0.1.0); pending changesets give minor");
    expect(r.out).toContain("major  listProjects                 operation removed: GET /v1/projects");
    expect(r.out).toContain(`add .changeset/endre-api.md:\n  ---\n  "@specyard/endre": major\n  ---`);
  });

  it("accepts the same removal with a major changeset", () => {
    clearChangesets();
    writeBuiltSpec((s) => delete s.paths["/v1/projects"].get);
    writeChangeset("remove-list", "major");
    const r = check();
    expect(r.status, r.out + r.err).toBe(0);
    expect(r.out).toContain("ok    @specyard/endre: the spec needs a major bump");
  });

  it("a docs-only change still needs a patch changeset (the published openapi.json changes)", () => {
    clearChangesets();
    writeBuiltSpec((s) => (s.paths["/v1/projects"].get.summary = "List projects"));
    expect(check().status).toBe(1);
    writeChangeset("docs", "patch");
    expect(check().status).toBe(0);
  });

  it("--since compares with specs/ at a git ref instead of the release", () => {
    clearChangesets();
    writeBuiltSpec((s) => delete s.paths["/v1/projects"].get);
    writeChangeset("remove-list", "minor");
    const r = check("--since", "HEAD");
    expect(r.status).toBe(1);
    expect(r.out).toContain("against specs/ at HEAD");
  });
});

describe("bad input: one line naming the file, package or ref, exit 2", () => {
  const expectOneLine = (r: { status: number | null; out: string; err: string }, text: string | RegExp) => {
    expect(r.status, r.out + r.err).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(text);
    expect(r.err).not.toMatch(/\n\s+at /);
  };

  it("a changeset naming an unknown package", () => {
    clearChangesets();
    writeBuiltSpec();
    writeChangeset("typo", "minor", "@specyard/endr");
    expectOneLine(check(), /^release:check: \.changeset: .*typo.*@specyard\/endr\b/);
  });

  it("a released version with no baseline anywhere (offline, no tag): the gate does not pass silently", () => {
    clearChangesets();
    writeFileSync(join(work, "packages/endre/package.json"), JSON.stringify({ name: manifest.name, version: "0.2.0", specyard: manifest.specyard }));
    try {
      expectOneLine(check(), "release:check: no baseline for @specyard/endre@0.2.0: not on the registry (offline) and no git tag @specyard/endre@0.2.0");
    } finally {
      writeFileSync(join(work, "packages/endre/package.json"), JSON.stringify({ name: manifest.name, version: "0.1.0", specyard: manifest.specyard }));
    }
  });

  it("a ref whose spec does not bundle", () => {
    clearChangesets();
    writeFileSync(join(work, "specs/endre/openapi.yaml"), readFileSync(join(root, "specs/endre/openapi.yaml"), "utf8") + "\n    $ref: ./missing.yaml\n");
    git("add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "broken");
    try {
      expectOneLine(check("--since", "HEAD"), "release:check: specs/endre/openapi.yaml at HEAD does not bundle");
    } finally {
      git("reset", "-q", "--hard", "HEAD~1");
    }
  });

  it("an unknown git ref", () => {
    expectOneLine(check("--since", "no-such-ref"), 'release:check: git ref "no-such-ref" not found');
  });

  it("spec:diff: an unknown vendor", () => {
    expectOneLine(command("spec-diff.mjs", "acme"), 'spec:diff: unknown vendor "acme" (known: endre, 12build, blikk, simplo)');
  });

  it("spec:diff: a base file that is not OpenAPI", () => {
    expectOneLine(command("spec-diff.mjs", "endre", "--base", join(root, "package.json")), /^spec:diff: .*package\.json: not an OpenAPI 3\.x document/);
  });

  it("spec:diff: a head spec that does not bundle", () => {
    const broken = join(work, "broken.yaml");
    writeFileSync(broken, "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    $ref: ./missing.yaml\n");
    expectOneLine(command("spec-diff.mjs", "endre", "--head", broken), /^spec:diff: broken\.yaml: does not bundle/);
  });
});
