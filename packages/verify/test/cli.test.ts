// The command's own surface, without an upstream: `--help`, and the terminal table's rows.
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { table } from "../src/report.js";

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), "../dist/cli.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });

describe("specyard-verify --help", () => {
  it("prints the usage and the vendors to stdout, exit 0", () => {
    const r = cli("--help");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("usage: specyard-verify <");
    for (const vendor of ["endre", "12build", "blikk", "simplo"]) expect(r.stdout).toContain(vendor);
    expect(r.stderr).toBe("");
  });

  it("without a vendor: the usage on stderr, exit 2 (it could not run)", () => {
    const r = cli();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage: specyard-verify");
  });
});

describe("the terminal table", () => {
  it("shows each violation's location and message (types, never a received value)", () => {
    const text = table({
      vendor: "endre",
      specVersion: "1.0.0",
      startedAt: "2026-12-04T00:00:00Z",
      drift: 2,
      operations: [
        {
          operationId: "listProjects",
          method: "get",
          path: "/v1/projects",
          reached: true,
          status: 200,
          assumed: false,
          violations: [
            { where: "/0/Name", message: "expected string, received number" },
            { where: "header:content-type", message: "received text/html; declared application/json" },
          ],
        },
      ],
    });
    expect(text).toContain("/0/Name: expected string, received number");
    expect(text).toContain("header:content-type: received text/html; declared application/json");
    expect(text).toContain("drift 2");
  });
});
