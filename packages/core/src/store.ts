import type { RateLimit } from "./ratelimit.js";
import type { Logger, SharedTokens, Slot, Token } from "./shared.js";

/**
 * What a client shares through a store (`store` option): its rate limit, 429 pauses and, where the
 * strategy exchanges credentials for a token, that token. Only the `store` option uses this module's
 * types; a client without a store runs none of it.
 */
export interface StoreScope {
  /** The API, e.g. `blikk`. */
  vendor: string;
  baseUrl: string;
  /** Who the credential belongs to (app id, username, login). Hashed by the store, never written as such. */
  identity: string;
  /** The credential's secret (password, app secret, API key): the key of that hash, never written. */
  secret: string;
  /** The client's rate limit; without one the store still shares 429 pauses. */
  rateLimit?: RateLimit;
  /** The client's in-process limiter: asked first, and all that limits while the store is unreachable. */
  local?: SharedLimiter;
  /** Whether the client obtains tokens the store may share (false for a token the caller supplies). */
  tokens: boolean;
  /** The client's logger: where the store's one warning per outage goes. */
  logger?: Logger;
}

/** A limiter shared by every process that uses the same store and scope. */
export interface SharedLimiter {
  /**
   * Waits for a slot. A wait longer than `maxWaitMs` (what the call can still afford) is not taken: the
   * limiter rejects at once with a `RateLimitError` whose `retryAfterMs` is that wait (the client names the call).
   */
  acquire(signal?: AbortSignal, maxWaitMs?: number): Promise<Slot>;
}

/** A store (`createRedisStore(...)` from `@specyard/redis`), bound once per client. */
export interface Store {
  bind(scope: StoreScope): { limiter: SharedLimiter; tokens?: SharedTokens };
}
