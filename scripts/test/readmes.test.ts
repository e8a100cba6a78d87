// Every ```ts block of every README (the root one and packages/*/README.md) is what a user copies: each
// is compiled as its own module, under `strict`, against the built packages, with only the imports the
// block itself writes (one tsc run over all of them). The core README's `./generated/schema.js` is a
// user's openapi-typescript output: Simplo IS's generated schema stands in for it.
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CLIENTS, strictConsumerTsconfig } from "../lib/samples.mjs";
import { ROOT } from "../lib/specs.mjs";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const OUT = join(ROOT, "scripts/.tmp/readmes");

const readmes = [join(ROOT, "README.md"), ...readdirSync(join(ROOT, "packages")).map((dir) => join(ROOT, "packages", dir, "README.md"))];

/** The ```ts blocks of a markdown file, each with the line its code starts on. */
function tsBlocks(file: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const lines = readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "```ts") continue;
    const end = lines.indexOf("```", i + 1);
    blocks.push({ line: i + 2, code: lines.slice(i + 1, end).join("\n") });
    i = end;
  }
  return blocks;
}

const blocks = readmes.flatMap((file) => tsBlocks(file).map((b) => ({ ...b, file: relative(ROOT, file) })));
/** `packages/blikk/README.md`, block at line 35 → `packages-blikk-README-35.mts` */
const moduleName = (b: { file: string; line: number }) => `${b.file.replace(/\.md$/, "").replace(/\//g, "-")}-${b.line}.mts`;

describe("README code blocks", () => {
  it("every ```ts block of every README compiles under strict, with the imports it writes", async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(join(OUT, "generated"), { recursive: true });
    copyFileSync(join(ROOT, "packages/simplo/src/generated/schema.ts"), join(OUT, "generated/schema.ts"));
    for (const b of blocks) writeFileSync(join(OUT, moduleName(b)), `// ${b.file}, line ${b.line}\n${b.code}\nexport {};\n`);
    const files = blocks.map(moduleName);
    writeFileSync(join(OUT, "tsconfig.json"), JSON.stringify(strictConsumerTsconfig(files, { types: ["node"] }), null, 2));
    const out = await run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(OUT, "tsconfig.json")], { cwd: OUT, maxBuffer: 64 << 20 }).then(
      (r) => r.stdout,
      (err: { stdout?: string; message: string }) => err.stdout || err.message,
    );
    console.log(`readmes: ${blocks.length} ts blocks of ${new Set(blocks.map((b) => b.file)).size} READMEs compiled under strict`);
    expect(blocks.length).toBeGreaterThanOrEqual(20);
    expect(out.split("\n").filter((l) => /error TS\d+/.test(l))).toEqual([]);
  }, 120_000);

  it("READMEs and docs samples read the environment variables verify documents, one name per credential", () => {
    const table = readFileSync(join(ROOT, "packages/verify/README.md"), "utf8");
    const names = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1] ?? "");
    const documented = new Set(names(table, /`([A-Z][A-Z0-9_]+)`/g));
    const envNames = (code: string) => names(code, /process\.env\.([A-Z0-9_]+)/g);
    const used = new Set([...blocks.flatMap((b) => envNames(b.code)), ...Object.values(CLIENTS).flatMap((c) => Object.values(c.options).flatMap(envNames))]);
    // A vendor's variables share its prefix (`ENDRE_`); others (`REDIS_URL`, core's `API_TOKEN`) are not vendor credentials.
    const vendorPrefixes = new Set([...documented].map((name) => name.split("_")[0]));
    const vendorVariables = [...used].filter((name) => vendorPrefixes.has(name.split("_")[0]));
    expect(vendorVariables.filter((name) => !documented.has(name))).toEqual([]);
    expect(vendorVariables).toContain("ENDRE_USERNAME");
  });
});
