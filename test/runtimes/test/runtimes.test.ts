// `pnpm test:runtimes`: packs core and the four vendor packages, installs the tarballs with plain npm into a scratch
// project, and runs one smoke flow (src/smoke.mjs) on each runtime against a loopback stand-in of the
// four vendors (src/server.mjs). Runtimes come from the npm registry (`npx -y <runtime>@<version>`),
// Chromium from Debian. A failure names the runtime, the vendor and the step.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { freePort, installTarballs, packPackages, publishablePackages } from "@specyard/contract-harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module without types, shared with the runtimes themselves.
import { startVendorServer } from "../src/server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The runtimes proven here, with the exact versions run (the README's Runtimes table lists the same). */
export const RUNTIMES = {
  node18: ["node@18.20.8"],
  node20: ["node@20.20.2"],
  node22: ["node@22.23.3"],
  node24: ["node@24.21.0"],
  bun: ["bun@1.4.4"],
  deno: ["deno@2.9.6", "run", "-A"],
  workerd: ["workerd@1.20261117.1"],
} as const;

interface StepResult { vendor: string; step: string; ok: boolean; detail: string }

const work = mkdtempSync(join(tmpdir(), "specyard-runtimes-"));
const app = join(work, "app");
let server: { port: number; seen: { tokens: Record<string, number> }; close(): Promise<void> };
let origin: string;
let run = 0;

/** Runs a command to its end: exit code and output. */
function exec(cmd: string, args: string[], cwd: string, timeoutMs = 300_000): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => (clearTimeout(timer), done({ code, out })));
  });
}

/** One line per failed step, naming the runtime, vendor and step; empty when all passed. */
function failures(runtime: string, results: StepResult[]): string[] {
  expect(results.length, `${runtime}: no results`).toBe(24);
  return results.filter((r) => !r.ok).map((r) => `${runtime} / ${r.vendor} / ${r.step}: ${r.detail}`);
}

function lastJsonLine(runtime: string, out: string): StepResult[] {
  const line = out.trim().split("\n").reverse().find((l) => l.startsWith("["));
  if (!line) throw new Error(`${runtime}: the smoke script printed no results:\n${out.slice(-2000)}`);
  return JSON.parse(line);
}

beforeAll(async () => {
  // The runtimes download in parallel with packing and installing (each once per machine: npx caches them).
  const fetched = Promise.all(
    Object.entries(RUNTIMES).map(async ([name, [pkg]]) => {
      const r = await exec("npx", ["-y", pkg, name === "workerd" ? "--version" : name === "deno" ? "--version" : "-v"], work);
      if (r.code !== 0) throw new Error(`${name}: could not get ${pkg} from the npm registry:\n${r.out}`);
    }),
  );
  // The clients and their runtime; the drift checker (a Node command) and the test mocks are not clients.
  const clients = publishablePackages(root).filter((p) => p.manifest.specyard?.spec || p.manifest.name === "@specyard/core");
  // The OpenTelemetry SDK for the traced call (core takes only the API's types).
  installTarballs(app, packPackages(clients, work), { "@opentelemetry/api": "1.9.1", "@opentelemetry/sdk-trace-base": "2.12.1" });
  for (const f of ["smoke.mjs", "cli.mjs", "worker.mjs", "browser.mjs"]) copyFileSync(join(here, "../src", f), join(app, f));
  const bundle = (entry: string, outfile: string, conditions: string[]) =>
    build({ entryPoints: [join(app, entry)], outfile: join(app, outfile), bundle: true, format: "esm", platform: "browser", conditions, logLevel: "silent" });
  await Promise.all([bundle("worker.mjs", "worker.bundle.js", ["workerd", "worker"]), bundle("browser.mjs", "browser.bundle.js", [])]);
  server = await startVendorServer({
    "/index.html": ["text/html", `<!doctype html><script type="module" src="/browser.bundle.js"></script>`],
    "/browser.bundle.js": ["text/javascript", readFileSync(join(app, "browser.bundle.js"), "utf8")],
  });
  origin = `http://127.0.0.1:${server.port}`;
  await fetched;
});

afterAll(async () => {
  await server?.close();
  if (!process.env.KEEP_RUNTIMES) rmSync(work, { recursive: true, force: true });
});

// The runtimes run side by side (each waits mostly on its 429 and its downloads).
describe.concurrent("the packed clients on every runtime", () => {
  for (const [runtime, [pkg, ...args]] of Object.entries(RUNTIMES)) {
    if (runtime === "workerd") continue;
    it(`${runtime} (${pkg}): token, GET, paginate, 429, typed 404, abort, traced call, validated call for all four vendors`, async () => {
      const r = await exec("npx", ["-y", pkg, ...args, "cli.mjs", origin, String(++run)], app);
      const results = lastJsonLine(runtime, r.out);
      expect(failures(runtime, results)).toEqual([]);
      expect(r.code, `${runtime} exited with ${r.code}:\n${r.out.slice(-2000)}`).toBe(0);
    });
  }

  it(`workerd (${RUNTIMES.workerd[0]}): the same flow inside a Cloudflare Worker`, async () => {
    const port = await freePort();
    writeFileSync(
      join(app, "config.capnp"),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smoke),
    # Workers reach only public addresses by default; the stand-in is on loopback.
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const smoke :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.bundle.js") ],
  compatibilityDate = "2025-09-01",
  globalOutbound = "internet",
);
`,
    );
    const child = spawn("npx", ["-y", RUNTIMES.workerd[0], "serve", "config.capnp"], { cwd: app, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    try {
      let results: StepResult[] | undefined;
      for (let i = 0; i < 100 && !results; i++) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/?origin=${encodeURIComponent(origin)}&run=${++run}`);
          results = (await res.json()) as StepResult[];
        } catch {
          if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}:\n${log}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      if (!results) throw new Error(`workerd did not answer:\n${log}`);
      expect(failures("workerd", results)).toEqual([]);
    } finally {
      process.kill(-child.pid!, "SIGTERM");
    }
  });

  it("chromium (Debian): the browser bundle, calling the API on another origin (CORS)", async () => {
    expect(existsSync(CHROMIUM), `chromium: ${CHROMIUM} is missing; npm run setup installs it (apt-get install chromium)`).toBe(true);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      // The page comes from localhost; the API is 127.0.0.1: another origin, so every call is a CORS call.
      await page.goto(`http://localhost:${server.port}/index.html?origin=${encodeURIComponent(origin)}&run=${++run}`);
      await page.waitForFunction(() => "smokeResults" in window, undefined, { timeout: 30_000 });
      const results: StepResult[] = await page.evaluate(() => (window as unknown as { smokeResults: Promise<StepResult[]> }).smokeResults);
      expect(errors).toEqual([]);
      expect(failures("chromium", results)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

});

describe("afterwards", () => {
  it("on every runtime each client exchanged its credentials once and reused the token", () => {
    // 8 runtimes; each makes four clients per vendor (one with throwOnError, one traced, one validating), Simplo's token is static.
    const runtimes = Object.keys(RUNTIMES).length + 1;
    expect(server.seen.tokens).toEqual({ endre: runtimes * 4, "12build": runtimes * 4, blikk: runtimes * 4, simplo: 0 });
  });
});
