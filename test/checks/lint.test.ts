import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const redocly = join(dirname(require.resolve("@redocly/cli/package.json")), "bin/cli.js");

function lint(...args: string[]) {
  const r = spawnSync(process.execPath, [redocly, "lint", "--format=stylish", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1" },
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe("redocly lint with the project's rules", () => {
  it("fails on a broken spec, naming the file, the line and the rule", () => {
    const { status, out } = lint("test/fixtures/broken-spec.yaml");
    expect(status).not.toBe(0);
    // stylish format: `<file>:` then `  <line>:<col>  error  <rule>  <message>`
    expect(out).toContain("test/fixtures/broken-spec.yaml");
    expect(out).toMatch(/^\s+14:5\s+error\s+operation-operationId\b/m);
    expect(out).toMatch(/^\s+17:7\s+error\s+operation-4xx-response\b/m);
    expect(out).toMatch(/^\s+\d+:\d+\s+error\s+no-invalid-media-type-examples\b/m);
  });

  it("passes every vendor spec with zero errors and zero warnings", () => {
    const { status, out } = lint();
    expect(status, out).toBe(0);
    expect(out).not.toMatch(/^\s+\d+:\d+\s+warning\b/m);
    expect(out).not.toMatch(/\d+ warnings?\b/);
    expect(out).toMatch(/Your API descriptions are valid/);
  });
});
