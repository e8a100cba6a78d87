// Packs every publishable package (packages/*) and installs the tarballs with plain npm into a fresh project
// outside the workspace, once per run; each test file reads where with `inject("pack")`. A new check of the
// installed packages is a new test in pack.test.ts (or a new *.test.ts here) using that project.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installTarballs, packPackages, publishablePackages } from "@specyard/contract-harness";
import type { TestProject } from "vitest/node";

export interface Packed {
  /** The repository root. */
  root: string;
  /** The scratch folder holding the tarballs. */
  work: string;
  /** The npm project with every tarball installed (`<work>/app`). */
  app: string;
  /** Package name → tarball path. */
  tarballs: Record<string, string>;
}

declare module "vitest" {
  export interface ProvidedContext {
    pack: Packed;
  }
}

export default function setup(project: TestProject) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  const work = mkdtempSync(join(tmpdir(), "specyard-pack-"));
  const tarballs = packPackages(publishablePackages(root), work);
  const app = join(work, "app");
  installTarballs(app, tarballs);
  project.provide("pack", { root, work, app, tarballs: Object.fromEntries(tarballs) });
  return () => {
    if (!process.env.KEEP_PACK) rmSync(work, { recursive: true, force: true });
  };
}
