import type { Auth, AuthContext } from "./auth.js";
import { ConfigurationError, ConnectionError, TimeoutError } from "./errors.js";
import { LiteRequest } from "./lite-request.js";
import type { SlidingWindowLimiter } from "./ratelimit.js";
import { redactUrl, type Secrets } from "./redact.js";
import {
  RETRY_DEFAULTS,
  backoffDelay,
  canResend,
  isTransientStatus,
  rateLimitWait,
  type RetryOptions,
} from "./retry.js";
import { sleep } from "./sleep.js";

/** Where the runtime reports what it does (retries, waits). Lines never contain credentials. */
export interface Logger {
  debug?(message: string): void;
  warn?(message: string): void;
}

export interface TransportOptions {
  baseUrl: string;
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
  auth?: Auth;
  retry?: RetryOptions | false;
  limiter?: SlidingWindowLimiter;
  /** Deadline for one call, all attempts and waits included. Default 60 s; 0 disables it. */
  timeoutMs?: number;
  logger?: Logger;
  /** Allow credentials over plain http:// to a host that is not loopback. Default false. */
  allowInsecureHttp?: boolean;
  secrets: Secrets;
}

/** Per-call settings (`client.withOptions(...)`). */
export interface CallOptions {
  retry?: RetryOptions | false;
  timeoutMs?: number;
  /**
   * Send without the client's credentials: for token endpoints and public operations, or a call that
   * carries its own `Authorization` header. Limiter, retries and deadline still apply.
   */
  anonymous?: boolean;
}

export interface CallContext extends CallOptions {
  /** `METHOD /path/{template}`, used in errors and logs. */
  operation: string;
}

export type Transport = (request: Request, ctx: CallContext) => Promise<Response>;

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Refuses to put credentials on plain http:// to a non-loopback host unless explicitly allowed. */
export function assertSecureTransport(url: string, allowInsecureHttp: boolean | undefined): void {
  if (allowInsecureHttp) return;
  const m = /^http:\/\/([^/:?#]+|\[[^\]]+\])/i.exec(url);
  if (m && !LOOPBACK.test(m[1]!)) {
    throw new ConfigurationError(
      `refusing to send credentials over plain http to ${m[1]}; use https, or set allowInsecureHttp: true`,
    );
  }
}

const isAbort = (e: unknown) => e instanceof Error && e.name === "AbortError";

/**
 * The custom `fetch` beneath openapi-fetch: rate limiting, credentials (with one renewal on 401),
 * a deadline, and retries (429 after the server's wait; 502/503/504 and network errors with
 * exponential backoff, idempotent methods only unless the call opts in).
 */
export function createTransport(o: TransportOptions): Transport {
  const baseFetch = o.fetch ?? ((input: Request, init?: RequestInit) => globalThis.fetch(input, init));
  o.auth?.register(o.secrets);

  // The client's retry policy, merged once (a per-call policy is merged per call).
  const clientRetry = { ...RETRY_DEFAULTS, ...(o.retry || {}) };

  const transport: Transport = async (sent, ctx) => {
    // A LiteRequest goes out as `fetch(url, init)`; one with a read-once body becomes a real Request.
    const request = (sent instanceof LiteRequest && sent.real()) || sent;
    const policy = ctx.retry ?? o.retry;
    const retry = policy === o.retry ? clientRetry : { ...RETRY_DEFAULTS, ...(policy || {}) };
    const maxAttempts = policy === false ? 1 : retry.maxAttempts;
    const timeoutMs = ctx.timeoutMs ?? o.timeoutMs ?? 60_000;
    const method = request.method;
    const resendable = canResend(method, retry.unsafe);
    const hasBody = request.body !== null;
    const url = () => redactUrl(request.url, o.secrets);
    const fail = (Cls: typeof ConnectionError, detail: string, cause?: unknown) =>
      new Cls({ operation: ctx.operation, url: url(), detail: o.secrets.redact(detail), cause });

    // One signal for the caller's abort and our deadline; none when neither applies (a LiteRequest
    // without a caller's signal and `timeoutMs: 0`): handing fetch a signal has a measurable cost.
    const userSignal: AbortSignal | undefined = request.signal;
    if (userSignal?.aborted) throw userSignal.reason;
    const ac = userSignal || timeoutMs > 0 ? new AbortController() : undefined;
    const onUserAbort = () => ac?.abort(userSignal?.reason);
    userSignal?.addEventListener("abort", onUserAbort, { once: true });
    const timer = ac && timeoutMs > 0 ? setTimeout(() => ac.abort(fail(TimeoutError, `no answer within ${timeoutMs} ms`)), timeoutMs) : undefined;
    const signal = ac?.signal;

    let attempt = 0;
    let waited = 0;
    let renewed = false;
    const wait = async (ms: number, why: string): Promise<boolean> => {
      if (attempt >= maxAttempts || waited + ms > retry.maxTotalWaitMs) return false;
      o.logger?.debug?.(`[specyard] ${ctx.operation} ${why}; retry ${attempt}/${maxAttempts - 1} in ${Math.round(ms)} ms`);
      waited += ms;
      await sleep(ms, signal);
      return true;
    };

    try {
      for (;;) {
        attempt++;
        // Keep the original intact while a later attempt may still need its body.
        const req = hasBody ? request.clone() : request;
        let token: string | undefined;
        if (o.auth) assertSecureTransport(req.url, o.allowInsecureHttp);
        if (o.auth && !ctx.anonymous) {
          // Credentials first (a token request takes its own limiter slot), then our slot.
          // A cached token comes back synchronously: no extra await on the hot path.
          const t = o.auth.authorize(req.headers, authCtx);
          token = typeof t === "object" ? await t : t;
        }
        const slot = o.limiter ? await o.limiter.acquire(signal) : undefined;

        let res: Response;
        try {
          res = await (req instanceof LiteRequest ? req.send(signal) : baseFetch(req, signal && { signal }));
          slot?.done();
        } catch (e) {
          slot?.done();
          if (signal?.aborted) throw signal.reason;
          if (isAbort(e)) throw e;
          const msg = e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ""}` : String(e);
          if (resendable && (await wait(backoffDelay(attempt, retry), `network error: ${o.secrets.redact(msg)}`))) continue;
          throw fail(ConnectionError, `network error: ${msg}`, { message: o.secrets.redact(msg) });
        }

        const status = res.status;
        if (status === 401 && token !== undefined && !renewed && o.auth!.invalidate(token)) {
          renewed = true;
          attempt--; // a renewal is not a retry
          await res.body?.cancel();
          o.logger?.debug?.(`[specyard] ${ctx.operation} got 401; renewing credentials once`);
          continue;
        }
        if (status === 429) {
          const ms = (await rateLimitWait(res)) ?? backoffDelay(attempt, retry);
          if (await wait(ms, "rate limited (429)")) {
            await res.body?.cancel();
            continue;
          }
          return res;
        }
        if (isTransientStatus(status) && resendable) {
          const ms = (await rateLimitWait(res)) ?? backoffDelay(attempt, retry);
          if (await wait(ms, `server answered ${status}`)) {
            await res.body?.cancel();
            continue;
          }
        }
        return res;
      }
    } finally {
      clearTimeout(timer);
      userSignal?.removeEventListener("abort", onUserAbort);
    }
  };

  const authCtx: AuthContext = {
    baseUrl: o.baseUrl,
    secrets: o.secrets,
    send: (request, operation) => transport(request, { operation, anonymous: true }),
  };
  return transport;
}
