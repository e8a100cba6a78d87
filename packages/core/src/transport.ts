import type { Auth, AuthContext } from "./auth.js";
import { ApiError, ConfigurationError, ConnectionError, RateLimitError, RedirectError, TimeoutError, duringAuth, failure } from "./errors.js";
import { LiteRequest } from "./lite-request.js";
import { Secrets, redactUrl } from "./redact.js";
import { RETRY_DEFAULTS, backoffDelay, canResend, isTransientStatus, rateLimitWait, type BodyWait, type RetryOptions } from "./retry.js";
import type { Logger, Slot } from "./shared.js";
import { setTimer, sleep, untilAborted } from "./sleep.js";
import type { CallTrace } from "./trace.js";

export interface TransportOptions {
  baseUrl: string;
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
  auth?: Auth;
  retry?: RetryOptions | false;
  /** A client-side rate limiter (`limiterFor(...)`), asked for a slot before every attempt. */
  limiter?: { acquire(signal?: AbortSignal, maxWaitMs?: number): Promise<Slot> };
  /** Reads the wait an answer's body asks for when it has no `Retry-After` (`waitInSecondsBody`). */
  bodyWait?: BodyWait;
  /** Deadline for one call, all attempts and waits included. Default 60 s; 0 disables it. */
  timeoutMs?: number;
  logger?: Logger | false;
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
  /**
   * The call's secrets (over the client's): what its errors and logs mask and its redirects keep home. The
   * transport adds the values of its credential headers. Default: a fresh set over the client's.
   */
  secrets?: Secrets;
  /** The request carries credentials itself (a token request): a redirect to another origin is refused. */
  credentialRequest?: boolean;
  /** Where the call's span records retries, waits and redirects (a client with a `tracer`). */
  trace?: CallTrace;
}

export type Transport = (request: Request, ctx: CallContext) => Promise<Response>;

/** Redirects the transport follows for one call; one more is a `RedirectError`. */
export const MAX_REDIRECTS = 5;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
/** Headers that carry credentials whatever the strategy (besides its own header and any holding a known secret). */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$/;
/** Headers that describe a body, dropped when a redirect turns the request into a GET. */
const BODY_HEADER = /^content-/;

/** A credential header's value as a secret, with the parts a server may echo alone: the credentials after an auth scheme, each cookie's value. */
function addCredential(secrets: Secrets, name: string, value: string): void {
  secrets.add(value);
  if (name === "cookie") for (const pair of value.split(";")) secrets.add(pair.slice(pair.indexOf("=") + 1).trim());
  else secrets.add(/^\S+\s+(.+)$/.exec(value)?.[1]);
}

/** Refuses to put credentials on plain http:// to a non-loopback host unless explicitly allowed. */
export function assertSecureTransport(url: string, allowInsecureHttp: boolean | undefined): void {
  const host = /^http:\/\/([^/:?#]+|\[[^\]]+\])/i.exec(url)?.[1];
  if (!allowInsecureHttp && host && !LOOPBACK.test(host)) {
    throw new ConfigurationError(`refusing to send credentials over plain http to ${host}; use https, or set allowInsecureHttp: true`);
  }
}

/**
 * The custom `fetch` beneath openapi-fetch: rate limiting, credentials (with one renewal on 401),
 * a deadline, retries (429 after the server's wait; 502/503/504 and network errors with
 * exponential backoff, idempotent methods only unless the call opts in), and redirects.
 *
 * Redirects: every request goes out with `redirect: "manual"` and the transport follows up to
 * `MAX_REDIRECTS` hops itself, so that no credential leaves its origin whatever the `fetch`:
 * - same origin: credentials kept;
 * - another origin: followed without `Authorization`, `Proxy-Authorization`, `Cookie`, the
 *   strategy's header and any header holding a known secret (and never with them again on later
 *   hops); a token request, or a URL that carries a known secret, is refused instead;
 * - to plain http from https, or to a non-loopback http host: refused unless `allowInsecureHttp`;
 * - methods as fetch does: 303 becomes GET (HEAD stays HEAD), 301/302 answering a POST become GET,
 *   both without the body; 307/308 re-send method and body;
 * - a browser's opaque redirect (it hides the Location) is refused.
 */
/** `request` with `name=value` in its query (replacing any value the caller gave). */
function withQueryParam(request: Request | LiteRequest, name: string, value: string): Request | LiteRequest {
  const url = new URL(request.url);
  url.searchParams.set(name, value);
  const init = { method: request.method, headers: request.headers, body: request.body };
  return request instanceof LiteRequest
    ? request.to(url.href, init)
    : new Request(url.href, { ...init, redirect: "manual", signal: request.signal, ...{ duplex: "half" } });
}

export function createTransport(o: TransportOptions): Transport {
  const { auth, limiter } = o;
  const authHeader = auth?.header?.toLowerCase();
  const log = (message: string) => o.logger && o.logger.debug?.(`[specyard] ${message}`);
  auth?.register(o.secrets);

  const transport: Transport = async (sent, ctx) => {
    const { operation, anonymous, credentialRequest, trace, retry: policy = o.retry, timeoutMs = o.timeoutMs ?? 60_000, secrets = new Secrets(o.secrets) } = ctx;
    // A LiteRequest goes out as `fetch(url, init)`; one with a read-once body becomes a real Request.
    const request = (sent instanceof LiteRequest && sent.real()) || sent;
    /** What the next attempt sends: the request, or where a redirect led. */
    let target: Request | LiteRequest = request;
    /** Redirects followed so far; whether one led to another origin (credentials stay behind from then on). */
    let hops = 0;
    let foreign = false;
    const retry = { ...RETRY_DEFAULTS, ...policy };
    const maxAttempts = policy === false ? 1 : retry.maxAttempts;
    const resendable = canResend(request.method, retry.unsafe);
    const fail = (Cls: typeof ConnectionError, detail: string, cause?: unknown, status?: number) => failure(Cls, operation, target.url, secrets, detail, cause, status);

    /** The request a redirect answer asks for, or the `RedirectError` that refuses it. */
    const follow = async ({ status, headers: answer, type }: Response): Promise<Request | LiteRequest> => {
      const from = new URL(target.url);
      const location = answer.get("location");
      let next: URL | undefined;
      try {
        if (location !== null) next = new URL(location, from);
      } catch {}
      const toGet = status === 303 ? target.method !== "HEAD" : status < 303 && target.method === "POST";
      const other = next?.origin !== new URL(request.url).origin;
      const shown = next ? redactUrl(next.href, secrets) : "";
      const why =
        type === "opaqueredirect"
          ? "opaque redirect (a browser hides its Location)"
          : ++hops > MAX_REDIRECTS
            ? `more than ${MAX_REDIRECTS} redirects`
            : !next || !/^https?:$/.test(next.protocol)
              ? "Location is not an http(s) URL"
              : next.protocol === "http:" && !o.allowInsecureHttp && (from.protocol === "https:" || !LOOPBACK.test(next.hostname))
                ? "plain http (set allowInsecureHttp to allow it)"
                : // A token request, a known secret in the URL or in a body to re-send (a user's own call to a token endpoint).
                  other &&
                    (credentialRequest || secrets.has(next.href) || (!toGet && target.body !== null && secrets.has(await new Response(target.clone().body).text())))
                  ? "credentials would leave their origin"
                  : "";
      if (why) throw fail(RedirectError, shown ? `${why}: ${shown}` : why, undefined, status);
      foreign ||= other;
      const headers = new Headers(target.headers);
      for (const [name, value] of [...headers]) {
        if ((foreign && (CREDENTIAL_HEADER.test(name) || name === authHeader || secrets.has(value))) || (toGet && BODY_HEADER.test(name))) headers.delete(name);
      }
      log(`${operation} redirected (${status}) to ${shown}${foreign ? " without credentials" : ""}`);
      trace?.redirect(status, next!, foreign);
      const init: RequestInit = { method: toGet ? "GET" : target.method, headers, body: toGet ? null : target.body };
      return target instanceof LiteRequest
        ? target.to(next!.href, init)
        : new Request(next!.href, { ...init, redirect: "manual", signal: target.signal, ...{ duplex: "half" } });
    };

    // One signal for the caller's abort and our deadline; none when neither applies (a LiteRequest
    // without a caller's signal and `timeoutMs: 0`): handing fetch a signal has a measurable cost.
    const userSignal: AbortSignal | undefined = request.signal;
    if (userSignal?.aborted) throw userSignal.reason;
    const ac = userSignal || timeoutMs > 0 ? new AbortController() : undefined;
    const signal = ac?.signal;
    const onUserAbort = () => ac!.abort(userSignal!.reason);
    userSignal?.addEventListener("abort", onUserAbort, { once: true });
    const timer = timeoutMs > 0 ? setTimer(() => ac!.abort(fail(TimeoutError, `no answer within ${timeoutMs} ms`)), timeoutMs) : undefined;
    /** Ends the deadline and lets go of the caller's signal: when the call fails, or once the answer's body is read. */
    const release = () => {
      clearTimeout(timer);
      userSignal?.removeEventListener("abort", onUserAbort);
    };

    /** Whether the answer's body took over `release`. */
    let released = false;
    let attempt = 0;
    let waited = 0;
    let renewed = false;
    /** The call's end (epoch ms), for what it can still afford to wait. */
    const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
    /**
     * Waits `ms` before the next attempt if attempts, the wait budget and the deadline allow it; false when they
     * do not (the answer then stands: a 429 becomes a `RateLimitError` with the server's wait at once).
     */
    const wait = async (ms: number, why: string): Promise<boolean> => {
      if (attempt >= maxAttempts || waited + ms > retry.maxTotalWaitMs || Date.now() + ms > deadline) return false;
      log(`${operation} ${why}; retry ${attempt}/${maxAttempts - 1} in ${Math.round(ms)} ms`);
      trace?.retry(why, ms);
      waited += ms;
      await sleep(ms, signal);
      return true;
    };

    try {
      for (;;) {
        attempt++;
        // Keep the original intact while a later attempt may still need its body.
        let req = target.body === null ? target : target.clone();
        let token: string | undefined;
        if (auth && !foreign) {
          assertSecureTransport(req.url, o.allowInsecureHttp);
          // Credentials first (a token request takes its own limiter slot), then our slot.
          // A cached token comes back synchronously: no extra await on the hot path.
          if (!anonymous) {
            try {
              // The call waits for a token no longer than its deadline or its caller allow.
              const ctx = signal ? { ...authCtx, signal } : authCtx;
              const t = auth.authorize(req.headers, trace ? trace.auth(ctx) : ctx);
              token = typeof t === "object" ? await untilAborted(t, signal) : t;
            } catch (e) {
              if (signal?.aborted && e === signal.reason) throw e;
              // A failed token exchange fails the user's call: name it, with the token step as the cause.
              throw e instanceof ApiError ? duringAuth(e, operation, request.url, secrets) : e;
            }
          }
        }
        // An API key in the query goes on this attempt's URL only: `target` (what a redirect resolves against) stays without it.
        if (auth?.query && token !== undefined) req = withQueryParam(req, auth.query, token);
        // Credential headers, whoever set them (the strategy, the caller), are secrets of this call.
        for (const [name, value] of req.headers) if (CREDENTIAL_HEADER.test(name) || name === authHeader) addCredential(secrets, name, value);
        // The limiter counts requests to the API, not to where a redirect led.
        let slot: Slot | undefined;
        try {
          slot = limiter && !foreign ? await (trace ? trace.acquire(limiter, signal, deadline - Date.now()) : limiter.acquire(signal, deadline - Date.now())) : undefined;
        } catch (e) {
          // A limiter's wait longer than the call can afford: name the call.
          if (!(e instanceof RateLimitError)) throw e;
          const detail = `the rate limit asks for a wait of ${e.retryAfterMs} ms, longer than the call can afford`;
          throw new RateLimitError({ operation, url: redactUrl(request.url, secrets), retryAfterMs: e.retryAfterMs, detail });
        }

        let res: Response;
        try {
          res = await (req instanceof LiteRequest
            ? req.send(signal)
            : (o.fetch ?? fetch)(req.redirect === "manual" ? req : new Request(req, { redirect: "manual" }), signal && { signal }));
          slot?.done(res);
        } catch (e) {
          slot?.done();
          if (signal?.aborted) throw signal.reason;
          if ((e as Error)?.name === "AbortError") throw e;
          const msg = e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ""}` : String(e);
          if (resendable && (await wait(backoffDelay(attempt, retry), `network error: ${secrets.redact(msg)}`))) continue;
          throw fail(ConnectionError, `network error: ${msg}`, { message: secrets.redact(msg) });
        }

        // A redirect: the next hop (not an attempt). 401: one renewal of the credentials. 429, and
        // 502-504 for resendable requests: wait and retry while the budget allows. Anything else is the answer.
        const status = res.status;
        if (res.redirected) {
          await res.body?.cancel();
          throw fail(RedirectError, `the fetch option followed a redirect (it must honour redirect: "manual")`);
        }
        if ((((status > 300 && status < 304) || status === 307 || status === 308) && res.headers.has("location")) || res.type === "opaqueredirect") {
          await res.body?.cancel();
          target = await follow(res);
          attempt--;
          continue;
        } else if (status === 401 && token !== undefined && !renewed && auth!.invalidate(token)) {
          renewed = true;
          attempt--; // a renewal is not a retry
          log(`${operation} got 401; renewing credentials once`);
          trace?.renewal();
        } else if (
          !(status === 429 || (resendable && isTransientStatus(status))) ||
          !(await wait((await rateLimitWait(res, o.bodyWait)) ?? backoffDelay(attempt, retry), status === 429 ? "rate limited (429)" : `server answered ${status}`))
        ) {
          // The deadline and the caller's abort go on bounding the call while its body is read.
          if (!signal) return res;
          released = true;
          return boundBody(res, signal, release);
        }
        await res.body?.cancel();
      }
    } finally {
      if (!released) release();
    }
  };

  const authCtx: AuthContext = { ...o, send: (request, operation, trace) => transport(request, { operation, anonymous: true, credentialRequest: true, trace }) };
  return transport;
}

/**
 * `res` with its body read under `signal`: once the signal aborts (the deadline, the caller), reading the
 * body fails with its reason, whatever the `fetch`. `release` runs once the body is read, cancelled or failed.
 * (A pull-through stream: a `pipeTo` through a `TransformStream` costs three times as much per call.)
 */
function boundBody(res: Response, signal: AbortSignal, release: () => void): Response {
  const source = res.body;
  if (!source) {
    release();
    return res;
  }
  const reader = source.getReader();
  let open = true;
  const end = () => {
    if (!open) return;
    open = false;
    signal.removeEventListener("abort", abort);
    release();
  };
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const abort = () => {
    controller.error(signal.reason);
    reader.cancel(signal.reason).catch(() => {});
    end();
  };
  const body = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    pull: async (c) => {
      try {
        const { done, value } = await reader.read();
        if (!open) return;
        if (done) {
          c.close();
          end();
        } else c.enqueue(value);
      } catch (e) {
        if (!open) return;
        c.error(e);
        end();
      }
    },
    cancel: (reason) => {
      end();
      return reader.cancel(reason);
    },
  });
  signal.addEventListener("abort", abort, { once: true });
  const bound = new Response(body, res);
  // What `new Response` cannot set: where the answer came from.
  Object.defineProperty(bound, "url", { value: res.url });
  return bound;
}
