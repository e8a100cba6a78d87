// Prism's validation proxy (`prism proxy <spec> <upstream>`) as a child process on a free loopback port.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

export interface Proxy {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the proxy and resolves once it listens; rejects with Prism's output if it does not start. */
export async function startPrismProxy(specFile: string, upstream: string, timeoutMs = 60_000): Promise<Proxy> {
  const bin = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");
  const port = await freePort();
  const child = spawn(process.execPath, [bin, "proxy", "-h", "127.0.0.1", "-p", String(port), specFile, upstream], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  let log = "";
  const onData = (b: Buffer) => (log = (log + b.toString()).slice(-20_000));
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism's proxy did not start within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    child.stdout.on("data", () => /Prism is listening/.test(log) && (clearTimeout(timer), resolve()));
    child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`Prism's proxy exited with code ${code}:\n${log}`))));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      process.removeListener("exit", kill);
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const t = setTimeout(kill, 3000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}
