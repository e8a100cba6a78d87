import { afterAll, beforeAll, inject } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";

const require = createRequire(import.meta.url);
const PRISM_BIN = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");

export interface PrismServer {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** Everything Prism printed (for diagnosing a failed test). */
  output(): string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real Prism mock server (a separate process) from a spec file on a free loopback port and
 * resolves once it listens. Extra CLI flags (e.g. `["-d"]` for dynamic mode) go in `args`.
 */
export async function startPrism(specFile: string, args: string[] = [], timeoutMs = 90_000): Promise<PrismServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [PRISM_BIN, "mock", "-h", "127.0.0.1", "-p", String(port), ...args, specFile],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
  );
  let log = "";
  const onData = (b: Buffer) => {
    log += b.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`Prism did not start within ${timeoutMs} ms for ${specFile}:\n${log}`));
    }, timeoutMs);
    const check = () => {
      if (/Prism is listening/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with code ${code} for ${specFile}:\n${log}`));
    });
  });

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => log,
    async stop() {
      process.removeListener("exit", killOnExit);
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const t = setTimeout(() => child.kill("SIGKILL"), 3000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Spec file (absolute path) → base URL of the Prism mock started once for the whole run (prism-setup.ts). */
    prisms: Record<string, string>;
  }
}

/**
 * The Prism mock of `specFile` for the whole test file: the run's shared one when the package's vitest
 * config starts it (globalSetup `@specyard/contract-harness/prism-setup`), else one started before the
 * file's tests (vitest `beforeAll`) and stopped after. Returns its base URL; calling it before the mock
 * is up is an error naming the spec.
 */
export function prismForFile(specFile: string): () => string {
  let prism: PrismServer | undefined;
  let baseUrl: string | undefined;
  beforeAll(async () => {
    baseUrl = inject("prisms")?.[resolve(specFile)];
    if (baseUrl) return;
    prism = await startPrism(specFile);
    baseUrl = prism.baseUrl;
  }, 120_000);
  afterAll(async () => {
    await prism?.stop();
  });
  return () => {
    if (!baseUrl) throw new Error(`the Prism mock for ${specFile} is not running`);
    return baseUrl;
  };
}
