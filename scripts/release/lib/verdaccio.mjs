// @ts-check
// A Verdaccio registry on loopback for the rehearsal. `@specyard/*` lives only here (nothing is
// proxied, so an install can only get what the rehearsal published); every other package is
// proxied to the npm registry, because a consumer also needs openapi-fetch, msw, ajv…
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const VERDACCIO_BIN = join(dirname(require.resolve("verdaccio/package.json")), "bin/verdaccio");
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** A free loopback port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts Verdaccio (config in `dir`); resolves once it answers `/-/ping`. `storage` may outlive the
 * run as a cache of what it proxied (metadata trusted for 10 minutes); `@specyard/*` is removed
 * from it first, so only what this run publishes is served.
 * @param {string} dir
 * @param {{ storage?: string }} [options]
 * @returns {Promise<{ url: string, pid: number, stop: () => Promise<void>, log: () => string }>}
 */
export async function startVerdaccio(dir, { storage = join(dir, "storage") } = {}) {
  const port = await freePort();
  rmSync(join(storage, "@specyard"), { recursive: true, force: true });
  mkdirSync(storage, { recursive: true });
  mkdirSync(dir, { recursive: true });
  const config = join(dir, "config.yaml");
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(storage)}`,
      "uplinks:",
      "  npmjs:",
      "    url: https://registry.npmjs.org/",
      "    timeout: 60s",
      "    maxage: 10m",
      // Verdaccio calls the uplink offline for 5 minutes after 2 failures by default: one slow answer from
      // the npm registry on a busy machine (the other suites install beside this one) failed the whole install.
      "    max_fails: 20",
      "    fail_timeout: 5s",
      "packages:",
      "  '@specyard/*':",
      "    access: $all",
      "    publish: $all",
      "  '**':",
      "    access: $all",
      "    publish: $all",
      "    proxy: npmjs",
      "max_body_size: 100mb",
      "log: { type: stdout, format: json, level: warn }",
      "",
    ].join("\n"),
  );
  const child = spawn(process.execPath, [VERDACCIO_BIN, "--config", config, "--listen", `127.0.0.1:${port}`], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (/** @type {Buffer} */ b) => (output = (output + b.toString()).slice(-8000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}/`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(/** @type {number} */ (child.pid), "SIGTERM");
    const timer = setTimeout(() => child.exitCode === null && process.kill(/** @type {number} */ (child.pid), "SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited (${child.exitCode}) before it was ready:\n${output}`);
    try {
      if ((await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(2000) })).ok) return { url, pid: /** @type {number} */ (child.pid), stop, log: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`verdaccio did not answer ${url}-/ping within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
}
