// @ts-check
/**
 * Pipeline wall times: a cold `pnpm build` (every build output and turbo's cache removed first), a
 * cached `pnpm build` right after it, and `pnpm test`. Only the full `pnpm bench` runs this (the test
 * suite would run itself).
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./vendors.mjs";

/** Every workspace folder (packages/*, test, scripts, bench) and the root. */
function workspaceDirs() {
  const packages = join(ROOT, "packages");
  const dirs = [ROOT, join(ROOT, "test"), join(ROOT, "scripts"), join(ROOT, "bench")];
  if (existsSync(packages)) {
    for (const d of readdirSync(packages, { withFileTypes: true })) if (d.isDirectory()) dirs.push(join(packages, d.name));
  }
  return dirs.filter((d) => existsSync(d));
}

/** Removes `dist/`, `src/generated/`, `openapi.json`, `site/`, `.turbo/` everywhere and `node_modules/.cache/turbo`. */
export function removeBuildOutputs() {
  /** @type {string[]} */
  const removed = [];
  for (const dir of workspaceDirs()) {
    const targets = [".turbo", "site", join("node_modules", ".cache", "turbo")];
    if (dir.startsWith(join(ROOT, "packages"))) targets.push("dist", join("src", "generated"), "openapi.json");
    for (const t of targets) {
      const p = join(dir, t);
      if (existsSync(p)) {
        rmSync(p, { recursive: true, force: true });
        removed.push(relative(ROOT, p));
      }
    }
  }
  return removed;
}

/**
 * Runs a command at the root and times it; output goes to a log tail kept for failures.
 * @param {string} cmd @param {string[]} args
 */
export function timed(cmd, args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let tail = "";
    const keep = (/** @type {Buffer} */ b) => {
      tail = (tail + b.toString()).slice(-8000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = Math.round((performance.now() - t0) / 10) / 100;
      resolve({ command: [cmd, ...args].join(" "), seconds, exitCode: code ?? -1, tail: code === 0 ? "" : tail });
    });
  });
}

/** Cold build, cached build, test. */
export async function runPipeline() {
  const removed = removeBuildOutputs();
  const cold = /** @type {{ command: string, seconds: number, exitCode: number, tail: string }} */ (await timed("pnpm", ["build"]));
  const cached = /** @type {typeof cold} */ (await timed("pnpm", ["build"]));
  const test = /** @type {typeof cold} */ (await timed("pnpm", ["test"]));
  return { removed: removed.length, coldBuild: cold, cachedBuild: cached, test };
}
