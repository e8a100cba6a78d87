import { createHash, createHmac, randomUUID } from "node:crypto";
import { RateLimitError, rateLimitWait, setTimer, waitInSecondsBody, type Logger, type SharedLimiter, type SharedTokens, type Slot, type Store, type StoreScope, type Token } from "@specyard/core";
import { ACQUIRE, DONE, INVALIDATE, LOCK, READ, RELEASE } from "./scripts.js";

/** An ioredis client (or iovalkey, or an ioredis `Cluster`): anything with `call(command, ...args)`. */
export interface IoRedisLike {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}
/** A node-redis (`redis` v4+) client: anything with `sendCommand([command, ...args])`. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}
export type RedisLike = IoRedisLike | NodeRedisLike;

export interface RedisStoreOptions {
  /** Prefix of every key the store writes. Default `specyard:`. */
  prefix?: string;
  /**
   * Share tokens (and with them the token's quota) between processes. Default true. With `false`,
   * clients that obtain tokens keep their own token and their own limiter: the store shares nothing for them.
   */
  shareTokens?: boolean;
  /** A store round trip slower than this counts as a fault: the client goes on without the store. Default 500 ms. */
  timeoutMs?: number;
  /** After a fault, how long clients stay in-process before they try the store again. Default 1000 ms. */
  retryAfterMs?: number;
  /** How often a waiting process asks again while the slot it waits for has no answer yet. Default 10 ms. */
  pollMs?: number;
  /**
   * How long a granted request whose answer has not arrived holds its slot at most (the shared limit
   * anchors each request on its answer). Default 5000 ms.
   */
  pendingMs?: number;
  /** The lock one process holds while it obtains the shared token. Default 10 000 ms. */
  lockTtlMs?: number;
  /** The shared token's key expires this long before the token does. Default 60 000 ms. */
  tokenMarginMs?: number;
  /** How long to share a token whose answer gave no (future) expiry. Default 15 minutes. */
  tokenTtlMs?: number;
  /**
   * The longest pause a 429 sets for every process (a longer `Retry-After` is cut to it, as is a longer
   * pause found in Redis). Default 60 000 ms, the default retry budget.
   */
  maxPauseMs?: number;
}

/** A store round trip that failed or took too long (never a caller's error). */
class StoreFault extends Error {}

const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

/**
 * A `store` for specyard clients on an already-connected ioredis or node-redis client (Redis or
 * Valkey). Every process that builds its clients with a store on the same Redis and the same
 * credential shares one sliding-window limit, 429 pauses and one token.
 *
 * ```ts
 * const store = createRedisStore(new Redis(process.env.REDIS_URL));
 * const blikk = createBlikkClient({ appId, appSecret, store });
 * ```
 */
export function createRedisStore(client: RedisLike, options: RedisStoreOptions = {}): Store {
  const {
    prefix = "specyard:",
    shareTokens = true,
    timeoutMs = 500,
    retryAfterMs = 1000,
    pollMs = 10,
    pendingMs = 5000,
    lockTtlMs = 10_000,
    tokenMarginMs = 60_000,
    tokenTtlMs = 900_000,
    maxPauseMs = 60_000,
  } = options;
  const send: (args: (string | number)[]) => Promise<unknown> =
    "call" in client
      ? ([command, ...args]) => client.call(String(command), ...args)
      : "sendCommand" in client
        ? (args) => client.sendCommand(args.map(String))
        : () => {
            throw new TypeError("createRedisStore: expected an ioredis or node-redis client");
          };

  /** One round trip, at most `timeoutMs` (and never past `signal`). */
  const command = (args: (string | number)[], signal?: AbortSignal): Promise<unknown> =>
    new Promise((resolve, reject) => {
      let settled = false;
      const stop = (e: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
        reject(e);
      };
      const abort = () => stop(signal?.reason);
      // After a stalled event loop the timer and the answer are due together: let I/O go first.
      const timer = setTimer(() => setImmediate(() => stop(new StoreFault(`no answer within ${timeoutMs} ms`))), timeoutMs);
      signal?.addEventListener("abort", abort, { once: true });
      send(args).then(
        (value) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener("abort", abort);
          resolve(value);
        },
        (e: unknown) => stop(new StoreFault(e instanceof Error ? e.message : String(e))),
      );
    });

  /** Runs a script by its hash, loading it on first use (`NOSCRIPT`). */
  const script = async (lua: string, keys: string[], args: (string | number)[], signal?: AbortSignal): Promise<unknown> => {
    try {
      return await command(["EVALSHA", sha1(lua), keys.length, ...keys, ...args], signal);
    } catch (e) {
      if (!(e instanceof StoreFault && /NOSCRIPT/.test(e.message))) throw e;
      return command(["EVAL", lua, keys.length, ...keys, ...args], signal);
    }
  };

  return {
    bind(scope: StoreScope) {
      const local = scope.local ?? { acquire: async (): Promise<Slot> => ({ done() {} }) };
      // Without token sharing a client that obtains tokens has its own token, hence its own quota.
      if (scope.tokens && !shareTokens) return { limiter: local };

      // vendor + base URL + a hash of the identity keyed by the secret: neither is readable from Redis.
      const hash = createHmac("sha256", scope.secret).update(`${scope.vendor}\n${scope.baseUrl}\n${scope.identity}`).digest("base64url").slice(0, 22);
      const key = (part: string) => `${prefix}${scope.vendor}:${hash}:${part}`;
      const [logKey, pauseKey, tokenKey, lockKey] = ["limit", "pause", "token", "lock"].map(key) as [string, string, string, string];
      const { limit = 0, windowMs = 0, marginMs = 5 } = scope.rateLimit ?? {};

      const health = faults(scope.logger, retryAfterMs);
      /** Sleepers of this process, woken early when one of its answers arrives. */
      const sleepers = new Set<() => void>();

      const limiter: SharedLimiter = {
        async acquire(signal, maxWaitMs = Infinity) {
          // The in-process limiter first: it orders this process's callers and keeps the local history
          // that takes over if the store fails.
          const mine = await local.acquire(signal, maxWaitMs);
          /** The in-process slot alone, marked for the call's span: the store did not answer. */
          const fallback: Slot = { done: (response) => mine.done(response), storeUnavailable: true };
          const id = randomUUID();
          try {
            for (const until = Date.now() + maxWaitMs; ; ) {
              if (!health.up()) return fallback;
              const [answer, pending] = (await health.guard(
                script(ACQUIRE, [logKey, pauseKey], [limit, windowMs, marginMs, pendingMs, id, maxPauseMs], signal),
              )) as [unknown, unknown];
              // Never longer than the longest pause, whatever Redis answers.
              const wait = Math.min(Number(answer) || 0, maxPauseMs);
              if (!(wait > 0)) break;
              // A wait that does not await an answer and outlasts what the call can afford: the call fails now.
              if (!pending && Date.now() + wait > until) throw new RateLimitError({ operation: "", url: "", retryAfterMs: wait });
              await nap(pending ? Math.min(wait, pollMs) : wait, signal, sleepers);
            }
          } catch (e) {
            if (e instanceof StoreFault) return fallback;
            mine.done();
            throw e;
          }
          return {
            done(response) {
              const at = performance.now();
              mine.done(response);
              for (const wake of sleepers) wake();
              void answered(id, at, response);
            },
          };
        },
      };

      /** Anchors the entry on its answer, and after a 429 pauses the key for everyone. */
      const answered = async (id: string, at: number, response?: Response) => {
        // Retry-After, or a JSON body's `waitInSeconds` (Blikk): the store is not in vendor bundles, so it reads both.
        const asked = response?.status === 429 ? ((await rateLimitWait(response, waitInSecondsBody).catch(() => undefined)) ?? 0) : 0;
        // A hostile or mistaken `Retry-After` pauses everyone at most `maxPauseMs`.
        const pauseMs = Math.min(asked, maxPauseMs);
        // The answer's age, a duration on this process's clock: Redis dates it on its own.
        const age = Math.floor(performance.now() - at);
        await health.guard(script(DONE, [logKey, pauseKey], [windowMs, marginMs, id, age, Math.ceil(pauseMs)])).catch(() => {});
      };

      /** The shared token from Redis, if a well-formed one is there. */
      const read = async (): Promise<Token | undefined> => {
        try {
          const d: unknown = JSON.parse(String(await health.guard(script(READ, [tokenKey], []))));
          if (d && typeof d === "object" && "v" in d && typeof d.v === "string" && d.v) {
            return { value: d.v, expiresAt: "e" in d && typeof d.e === "number" ? d.e : undefined };
          }
        } catch (e) {
          if (e instanceof StoreFault) throw e;
        }
      };

      /** The last invalidation in flight: a read must not overtake it and find the refused token. */
      let invalidating: Promise<unknown> = Promise.resolve();
      const tokens: SharedTokens = {
        async get(obtain, signal) {
          await invalidating;
          if (!health.up()) return obtain();
          try {
            for (const start = Date.now(); ; ) {
              const shared = await read();
              if (shared) return shared;
              const owner = randomUUID();
              if ((await health.guard(script(LOCK, [lockKey], [owner, lockTtlMs]))) === 1) {
                try {
                  // Another process may have stored one between our read and our lock.
                  const stored = await read();
                  if (stored) return stored;
                  const token = await obtain();
                  const ttl = token.expiresAt !== undefined && token.expiresAt > Date.now() ? token.expiresAt - Date.now() - tokenMarginMs : tokenTtlMs;
                  if (ttl > 0) await health.guard(command(["SET", tokenKey, JSON.stringify({ v: token.value, e: token.expiresAt }), "PX", Math.floor(ttl)])).catch(() => {});
                  return token;
                } finally {
                  await health.guard(script(RELEASE, [lockKey], [owner])).catch(() => {});
                }
              }
              // Someone else is obtaining it: wait for it, but no longer than its lock can live.
              if (Date.now() - start > lockTtlMs) return obtain();
              await nap(pollMs * 2, signal);
            }
          } catch (e) {
            if (e instanceof StoreFault) return obtain();
            throw e;
          }
        },
        invalidate(token) {
          if (health.up()) invalidating = health.guard(script(INVALIDATE, [tokenKey], [token])).catch(() => {});
        },
      };

      return { limiter, tokens: scope.tokens ? tokens : undefined };
    },
  };
}

/**
 * The store's health as one client sees it: after a fault the client stays in-process for
 * `retryAfterMs`, then tries the store again. One warning per outage, through the client's logger.
 */
function faults(logger: Logger | undefined, retryAfterMs: number) {
  let downUntil = 0;
  let down = false;
  return {
    up: () => Date.now() >= downUntil,
    async guard<T>(p: Promise<T>): Promise<T> {
      try {
        const value = await p;
        if (down) {
          down = false;
          logger?.debug?.("[specyard] store reachable again: sharing limit and token through it");
        }
        return value;
      } catch (e) {
        if (e instanceof StoreFault) {
          downUntil = Date.now() + retryAfterMs;
          if (!down) {
            down = true;
            logger?.warn?.(`[specyard] store unavailable (${e.message}): using this process's limiter and token until it answers again`);
          }
        }
        throw e;
      }
    },
  };
}

/** Sleeps `ms` (or until a sleeper in `wakers` is woken); rejects when `signal` aborts. */
function nap(ms: number, signal?: AbortSignal, wakers?: Set<() => void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const end = () => {
      clearTimeout(timer);
      wakers?.delete(wake);
      signal?.removeEventListener("abort", abort);
    };
    const wake = () => {
      end();
      resolve();
    };
    const abort = () => {
      end();
      reject(signal?.reason);
    };
    const timer = setTimer(wake, ms);
    if (signal?.aborted) return abort();
    signal?.addEventListener("abort", abort, { once: true });
    wakers?.add(wake);
  });
}
