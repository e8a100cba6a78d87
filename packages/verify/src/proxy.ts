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

/**
 * Why an answer is Prism's proxy speaking for itself, not the API: when it gets no answer from the upstream
 * (a connection reset or refused), the proxy answers a 500 `application/problem+json` of its own, typed
 * `FetchError` (its HTTP client's error) or with one of Prism's error URLs. Undefined for the API's own answer.
 * The reason keeps node-fetch's "reason: …" and drops the URL (it holds ids the API sent). `body` is the
 * answer's text, or its JSON when the client parsed it already (openapi-fetch does for error answers).
 */
export function proxyFailure(status: number, contentType: string, body: unknown): string | undefined {
  if (status < 500 || !/^application\/problem\+json\b/i.test(contentType)) return undefined;
  let problem: unknown = body;
  try {
    if (typeof body === "string") problem = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof problem !== "object" || problem === null) return undefined;
  const { type, title } = problem as { type?: unknown; title?: unknown };
  const prismError = typeof type === "string" && type.startsWith("https://stoplight.io/prism/errors#");
  if (type !== "FetchError" && !prismError) return undefined;
  const reason = typeof title === "string" ? /reason: (.*)$/.exec(title)?.[1] : undefined;
  return `${prismError ? type.slice(type.indexOf("#") + 1) : type}${reason ? `: ${reason}` : ""}`;
}
