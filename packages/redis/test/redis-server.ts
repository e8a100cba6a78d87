import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { freePort } from "@specyard/contract-harness";

/** A real `redis-server` on a free loopback port, persistence off. */
export interface RedisServer {
  port: number;
  url: string;
  /** Kills it at once (SIGKILL): no goodbye to its clients. */
  kill(): Promise<void>;
}

/** Starts `redis-server` (Debian's, installed by `npm run setup` as root) and waits until it accepts connections. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const p = port ?? (await freePort());
  const child: ChildProcess = spawn("redis-server", ["--port", String(p), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s: ${out}`)), 10_000);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`redis-server could not start (${e.message}); install it with: sudo apt-get install -y redis-server`));
    });
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}

/**
 * One `redis-server` for the whole test file (vitest `beforeAll`/`afterAll`), with an ioredis admin
 * connection for inspecting keys.
 */
export function redisForFile(): { url(): string; admin(): Redis } {
  let server: RedisServer | undefined;
  let admin: Redis | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.port, "127.0.0.1");
  });
  afterAll(async () => {
    admin?.disconnect();
    await server?.kill();
  });
  const running = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error("redis-server is not running");
    return v;
  };
  return { url: () => running(server).url, admin: () => running(admin) };
}
