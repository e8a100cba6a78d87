import { execFile, execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export interface WorkspacePackage {
  dir: string;
  manifest: { name: string; private?: boolean; bin?: Record<string, string>; exports?: Record<string, unknown>; specyard?: { spec?: string }; [key: string]: unknown };
}

/** Every publishable package (packages/*), read from disk so a new one is covered automatically. */
export function publishablePackages(root: string): WorkspacePackage[] {
  return readdirSync(join(root, "packages"))
    .map((dir) => ({ dir: join(root, "packages", dir), manifest: JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) }))
    .filter((p) => !p.manifest.private);
}

/** `pnpm pack`s each package into `dest`: package name → tarball path. */
export function packPackages(packages: WorkspacePackage[], dest: string): Map<string, string> {
  const tarballs = new Map<string, string>();
  for (const p of packages) {
    const out = execFileSync("pnpm", ["pack", "--pack-destination", dest], { cwd: p.dir, encoding: "utf8" });
    tarballs.set(p.manifest.name, resolve(p.dir, out.trim().split("\n").pop()!.trim()));
  }
  return tarballs;
}

/** A fresh npm project in `app` depending on every tarball (and on `registryDependencies` from the registry), installed with plain npm as a user would. */
export function installTarballs(app: string, tarballs: Map<string, string>, registryDependencies: Record<string, string> = {}): void {
  mkdirSync(app, { recursive: true });
  const dep = (name: string) => `file:${tarballs.get(name)}`;
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({
      name: "specyard-consumer",
      private: true,
      type: "module",
      dependencies: { ...registryDependencies, ...Object.fromEntries([...tarballs.keys()].map((name) => [name, dep(name)])) },
      // The tarballs depend on each other by version (not yet published): point those at the local tarballs.
      overrides: Object.fromEntries([...tarballs.keys()].map((name) => [name, dep(name)])),
    }),
  );
  const r = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: app, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm install failed:\n${r.stdout}\n${r.stderr}`);
}

/** Runs a command to its end without blocking the event loop (checks run side by side): exit status and output. */
export async function runCommand(cmd: string, args: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const env = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
    const { stdout, stderr } = await promisify(execFile)(cmd, args, { cwd, encoding: "utf8", maxBuffer: 16 << 20, env });
    return { status: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code?: unknown; stdout?: string; stderr?: string; message: string };
    return { status: typeof failed.code === "number" ? failed.code : 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? failed.message };
  }
}
