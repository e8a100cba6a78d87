// Two validators users run on the published specs, each on every bundled packages/<vendor>/openapi.json
// (Spectral misreads the split sources' path-item $refs, so both read the bundle).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, vendorBundles } from "../src/vendors.js";

const require = createRequire(import.meta.url);
const spectralBin = join(dirname(require.resolve("@stoplight/spectral-cli/package.json")), "dist/index.js");
const fixture = join(ROOT, "test/fixtures/invalid-bundle.json");
const bundles = vendorBundles();

interface SpectralResult {
  code: string;
  message: string;
  path: (string | number)[];
  severity: number;
  source?: string;
}

/** `spectral lint` with the repo's .spectral.yaml (spectral:oas) on all files in one process; errors only (severity 0). */
function spectralErrors(files: string[]): Map<string, string[]> {
  const r = spawnSync(process.execPath, [spectralBin, "lint", "--ruleset", join(ROOT, ".spectral.yaml"), "--format", "json", "--quiet", ...files], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  const start = r.stdout.indexOf("[");
  expect(start, `spectral printed no JSON report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`).toBeGreaterThanOrEqual(0);
  const results: SpectralResult[] = JSON.parse(r.stdout.slice(start));
  const byFile = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const x of results.filter((x) => x.severity === 0)) {
    const list = byFile.get(x.source ?? "");
    const line = `${x.code} at ${x.path.join(".")}: ${x.message}`;
    if (list) list.push(line);
    else throw new Error(`spectral reported on an unexpected source ${x.source}: ${line}`);
  }
  return byFile;
}

/** swagger-parser's verdict: undefined when the file validates, else its message. */
async function swaggerParserProblem(file: string): Promise<string | undefined> {
  try {
    await SwaggerParser.validate(file);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

describe("independent validators on the bundled specs", () => {
  it("finds a bundle for every vendor package", () => {
    expect(bundles.map((b) => b.vendor).sort()).toEqual(["12build", "blikk", "endre", "simplo"]);
  });

  describe("spectral:oas (@stoplight/spectral-cli)", () => {
    // One process for all files: Spectral's start-up dominates its run time.
    let errors = new Map<string, string[]>();
    beforeAll(() => {
      errors = spectralErrors([fixture, ...bundles.map((b) => b.file)]);
    }, 120_000);

    it("reports the defects of a deliberately invalid bundle (the check can fail)", () => {
      const found = errors.get(fixture) ?? [];
      expect(found.some((e) => e.startsWith("array-items at paths./things/{thingId}.get.responses.200")), found.join("\n")).toBe(true);
      expect(found.some((e) => e.startsWith("oas3-valid-schema-example at paths./things/{thingId}.get.parameters.0.schema.default")), found.join("\n")).toBe(true);
    });

    for (const { vendor, file } of bundles) {
      it(`${vendor}: zero errors on ${relative(ROOT, file)}`, () => {
        expect(errors.get(file)).toEqual([]);
      });
    }
  });

  describe("@apidevtools/swagger-parser validate()", () => {
    it("rejects a deliberately invalid bundle (the check can fail)", async () => {
      expect(await swaggerParserProblem(fixture)).toMatch(/parameters\/0\/in must be equal to one of the allowed values/);
    });

    for (const { vendor, file } of bundles) {
      it(`${vendor}: ${relative(ROOT, file)} validates`, async () => {
        expect(await swaggerParserProblem(file)).toBeUndefined();
      });
    }
  });
});
