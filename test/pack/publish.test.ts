// Every publishable package as published: the tarball from setup.ts, checked with publint and attw, and its
// file list. The checks of different packages run side by side (child processes).
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { publishablePackages, runCommand as run, type WorkspacePackage } from "@specyard/contract-harness";
import { describe, expect, inject, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const localBin = (name: string) => join(here, "node_modules/.bin", name);
const { root, work, tarballs } = inject("pack");

/** Every publishable package, read from disk so a new vendor is checked automatically. */
const packages = publishablePackages(root);
/** A package that is a command (a `bin`) with nothing to import. */
const isBinOnly = (m: WorkspacePackage["manifest"]) => Boolean(m.bin) && !m.exports?.["."];
/** The files in a package's tarball, and one file's text. */
const tarList = async (name: string) => (await run("tar", ["-tzf", tarballs[name]!], work)).stdout.trim().split("\n");
const tarFile = async (name: string, file: string) => (await run("tar", ["-xzOf", tarballs[name]!, file], work)).stdout;

describe.concurrent("every package as published", () => {
  it("packs every publishable package", () => {
    expect(packages.map((p) => p.manifest.name).sort()).toEqual(
      ["@specyard/12build", "@specyard/blikk", "@specyard/core", "@specyard/endre", "@specyard/mock", "@specyard/redis", "@specyard/simplo", "@specyard/spec", "@specyard/verify"],
    );
    for (const [name, file] of Object.entries(tarballs)) {
      console.log(`tarball ${name}: ${(statSync(file).size / 1024).toFixed(1)} kB`);
      expect(statSync(file).size).toBeGreaterThan(1000);
    }
  });

  for (const p of packages) {
    it(`${p.manifest.name}: publint finds nothing`, async () => {
      const r = await run(localBin("publint"), ["--strict", p.dir], p.dir);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/error|warning|suggestion/i);
    });

    // A command-line package (a `bin`, no importable entry) has no types to resolve.
    it(`${p.manifest.name}: attw finds no type resolution problem in any profile (node10, node16 CJS and ESM, bundler), or it is a bin only`, async () => {
      if (isBinOnly(p.manifest)) {
        expect(p.manifest.bin).toBeTruthy();
        return;
      }
      const tgz = tarballs[p.manifest.name]!;
      const r = await run(localBin("attw"), [tgz, "--format", "table-flipped"], work);
      expect(r.status, r.stdout + r.stderr).toBe(0);
    });

    it(`${p.manifest.name}: ships dist, README and (vendors) the bundled spec, nothing else`, async () => {
      const list = await tarList(p.manifest.name);
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
      const manifest = JSON.parse(await tarFile(p.manifest.name, "package/package.json"));
      expect(JSON.stringify(manifest)).not.toContain("workspace:");
    });

    // On npm a README's relative link only works for a file in the tarball (examples/ is not): link to the repository.
    it(`${p.manifest.name}: every relative link of the README points into the tarball`, async () => {
      const list = await tarList(p.manifest.name);
      const readme = await tarFile(p.manifest.name, "package/README.md");
      const relative = [...readme.matchAll(/\]\((?!https?:|#|mailto:)([^)\s]+)\)/g)].map((m) => m[1]!.replace(/^\.\//, "").replace(/#.*$/, ""));
      expect(relative.filter((link) => !list.includes(`package/${link}`))).toEqual([]);
    });

    // `workspace:^` on a 0.0.0 package packs to `^0.0.0`, which only 0.0.0 satisfies: a user who installs
    // the next patch of a peer would be refused.
    it(`${p.manifest.name}: every peer range admits more than one version`, async () => {
      const manifest = JSON.parse(await tarFile(p.manifest.name, "package/package.json"));
      for (const [name, range] of Object.entries<string>(manifest.peerDependencies ?? {})) {
        expect(range, `peer ${name}`).not.toMatch(/^(\^0\.0\.\d+|=?\d+\.\d+\.\d+)$/);
      }
    });
  }
});
