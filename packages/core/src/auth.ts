import { AuthenticationError, InvalidResponseError, failure, toApiError } from "./errors.js";
import type { Secrets } from "./redact.js";
import { untilAborted } from "./sleep.js";
import type { SharedTokens, Token } from "./shared.js";
import type { CallTrace } from "./trace.js";

/** Sends a request without credentials, through the client's limiter, retries and timeout (recorded in `trace`, if given). */
export type SendUnauthenticated = (request: Request, operation: string, trace?: CallTrace) => Promise<Response>;

export interface AuthContext {
  baseUrl: string;
  send: SendUnauthenticated;
  secrets: Secrets;
  /**
   * In `authorize`: the call's deadline and its caller's abort (the call stops waiting for a token then).
   * In a strategy's `obtain`: aborts when no call waits for the token any more (`requestToken` sends under it).
   */
  signal?: AbortSignal;
}

/**
 * How a client authenticates. A strategy puts credentials on a request (`authorize`) and says
 * whether a 401 is worth one retry with fresh credentials (`invalidate`).
 */
export interface Auth {
  /** Sets the credential headers on `headers`; returns the token used (for `invalidate`). */
  authorize(headers: Headers, ctx: AuthContext): Promise<string | undefined> | string | undefined;
  /** Called after a 401 with the token that was refused; true if a retry with a new token may help. */
  invalidate(token: string | undefined): boolean;
  /** Registers the strategy's credentials so they are masked everywhere. */
  register(secrets: Secrets): void;
  /** Whose credential this is, for a store's keys (see `StoreScope`); none: the client shares nothing. */
  owner?: { identity: string; secret: string };
  /** Takes a store's shared token cache (strategies that obtain tokens). */
  share?(tokens: SharedTokens): void;
  /** The header `authorize` sets (dropped on a redirect to another origin, as is `Authorization`). */
  header?: string;
  /**
   * The query parameter that carries the credential (an API key in the query): the transport puts the
   * value `authorize` returns there, on requests to the API's origin only (never on a redirect's next hop).
   */
  query?: string;
}

/** A token request in flight: the calls waiting for it, and how to stop it. */
type Exchange = { token: Promise<Token>; waiters: number; stop: () => void };

/** Obtains tokens lazily, caches them until shortly before they expire and shares one request among concurrent callers. */
export class TokenProvider {
  #current: Token | undefined;
  /** The exchange in flight, shared by every call that waits for it. */
  #exchange: Exchange | undefined;
  readonly #obtain: (ctx: AuthContext) => Promise<Token>;
  readonly #skewMs: number;
  /** A store's token cache shared with other processes (`share`). */
  #shared: SharedTokens | undefined;

  /** `skewMs`: renew this long before `expiresAt`. */
  constructor(obtain: (ctx: AuthContext) => Promise<Token>, skewMs = 30_000) {
    this.#obtain = obtain;
    this.#skewMs = skewMs;
  }

  /** The cached token while it is still valid (not about to expire), else undefined. */
  peek(): string | undefined {
    const t = this.#current;
    // Without `expiresAt` the difference is NaN: the token counts as valid.
    return t && !(t.expiresAt! - this.#skewMs <= Date.now()) ? t.value : undefined;
  }

  /**
   * The cached token, or the one an exchange obtains. One exchange serves every caller; each caller
   * stops waiting when `ctx.signal` aborts, and the exchange stops when no caller waits any more.
   */
  async get(ctx: AuthContext): Promise<string> {
    const cached = this.peek();
    if (cached !== undefined) return cached;
    const exchange = (this.#exchange ??= this.#start(ctx));
    exchange.waiters++;
    try {
      return (await untilAborted(exchange.token, ctx.signal)).value;
    } finally {
      if (--exchange.waiters === 0) exchange.stop();
    }
  }

  /** Starts an exchange under its own signal (aborted by `stop`). */
  #start(ctx: AuthContext): Exchange {
    const ac = new AbortController();
    const own: AuthContext = { ...ctx, signal: ac.signal };
    const token = (this.#shared ? this.#shared.get(() => this.#obtain(own), ac.signal) : this.#obtain(own)).then((tok) => {
      ctx.secrets.add(tok.value);
      // An expiry already in the past (server clock, mock servers) says nothing useful:
      // keep the token until the server refuses it.
      return (this.#current = tok.expiresAt! <= Date.now() ? { value: tok.value } : tok);
    });
    const exchange: Exchange = {
      token,
      waiters: 0,
      stop: () => {
        if (this.#exchange === exchange) this.#exchange = undefined;
        ac.abort();
      },
    };
    // Settled: the next caller starts afresh (after a failure) or finds the token cached.
    token.then(exchange.stop, exchange.stop);
    return exchange;
  }

  /** Forgets `token` if it is still the current one (in the shared cache too). */
  invalidate(token: string | undefined): void {
    if (this.#current?.value === token) this.#current = undefined;
    if (token !== undefined) this.#shared?.invalidate(token);
  }

  /** Gets and renews tokens through `tokens`, shared with other processes, from now on. */
  share(tokens: SharedTokens): void {
    this.#shared = tokens;
  }
}

export interface TokenAuthOptions {
  obtain: (ctx: AuthContext) => Promise<Token>;
  /** Header that carries the token. Default `Authorization`. */
  header?: string;
  /** Prefix before the token, e.g. `Bearer `. Default `Bearer ` for `Authorization`, none otherwise. */
  prefix?: string;
  /** Credentials to mask (password, secret, API key). */
  secrets?: (string | undefined)[];
  /** Whether a 401 may be cured by a new token. Default true. */
  renewable?: boolean;
  skewMs?: number;
  /** Whose credential this is (see `Auth.owner`). */
  owner?: Auth["owner"];
  /** Whether a store may share the tokens (with `owner`). Default true. */
  shareable?: boolean;
}

/** The shared token strategy every vendor strategy is built from. */
export function tokenAuth({ obtain, skewMs, header = "Authorization", prefix = header === "Authorization" ? "Bearer " : "", secrets = [], renewable, owner, shareable = true }: TokenAuthOptions): Auth {
  const provider = new TokenProvider(obtain, skewMs);
  const put = (headers: Headers, token: string) => (headers.set(header, prefix + token), token);
  return {
    // Synchronous while the cached token is valid (the common case); a promise when one must be obtained.
    authorize: (headers, ctx) => {
      const cached = provider.peek();
      return cached !== undefined ? put(headers, cached) : provider.get(ctx).then((token) => put(headers, token));
    },
    invalidate: (token) => (provider.invalidate(token), renewable !== false),
    register: (s) => secrets.map((v) => s.add(v)),
    owner,
    share: shareable ? (tokens) => provider.share(tokens) : undefined,
    header,
  };
}

/** Reads `exp` from a JWT without verifying it (epoch ms), if the token is a JWT. */
export function jwtExpiry(token: string): number | undefined {
  try {
    const { exp } = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: unknown };
    return typeof exp === "number" ? exp * 1000 : undefined;
  } catch {}
}

/**
 * Sends a token request through the client's transport and returns its JSON answer. A refused request
 * becomes the typed error for its status (a 401 or 403 from a token endpoint is an `AuthenticationError`);
 * an answer without a usable token in `tokenField` (missing, empty, not a string, CR/LF) an `InvalidResponseError`.
 * Nothing in the thrown error contains the credentials (URL and body are redacted).
 */
export async function requestToken(ctx: AuthContext, request: Request, operation: string, tokenField?: string): Promise<Record<string, unknown>> {
  // Sent under the exchange's signal: it ends when no call waits for the token any more.
  const response = await ctx.send(ctx.signal ? new Request(request, { signal: ctx.signal }) : request, operation);
  const body: unknown = await response.json().catch(() => {});
  if (!response.ok) {
    throw toApiError({ response, error: body }, operation, ctx.secrets, request.url, "token request refused", response.status === 403 ? AuthenticationError : undefined);
  }
  if (!body || typeof body !== "object") throw failure(InvalidResponseError, operation, request.url, ctx.secrets, "token response is not a JSON object");
  const token = tokenField === undefined ? "" : (body as Record<string, unknown>)[tokenField];
  // Missing, empty, not a string, or unfit for a header: no call goes out with `Bearer ` or `Bearer [object Object]`.
  if (tokenField !== undefined && (typeof token !== "string" || !token || /[\r\n\0]/.test(token))) {
    throw failure(InvalidResponseError, operation, request.url, ctx.secrets, `token response has no usable token in ${JSON.stringify(tokenField)}`);
  }
  return body as Record<string, unknown>;
}
