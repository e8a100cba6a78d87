import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { createServer } from "node:net";

/** A real `redis-server` on a free loopback port, persistence off. */
export interface RedisServer {
  port: number;
  url: string;
  /** Kills it at once (SIGKILL): no goodbye to its clients. */
  kill(): Promise<void>;
}

/** Whether nothing listens on `port` of 127.0.0.1 right now. */
const bindable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });

/**
 * A free port below the kernel's ephemeral range (32768-60999 here), picked at random. The fault tests kill
 * a redis-server and bring it back (or keep it dead) on the same port; a port from `listen(0)` could be
 * handed to another test file's server in between, since the files run side by side. Ports from this range
 * are never handed out by `listen(0)`.
 */
async function quietPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await bindable(port)) return port;
  }
  throw new Error("no free port in 20000-31999");
}

/** Starts `redis-server` (Debian's, installed by `npm run setup` as root) and waits until it accepts connections. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  // Two files may pick the same random port at once: the loser tries another.
  if (port === undefined) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await startRedisServer(await quietPort());
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
  }
  const p = port;
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
    // e.g. "Address already in use": it exits at once.
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code} before it was ready: ${out.trim().split("\n").pop()}`));
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
