import { AuthenticationError, InvalidResponseError, failure, toApiError } from "./errors.js";
import type { Secrets } from "./redact.js";
import type { SharedTokens } from "./store.js";
import type { CallTrace } from "./trace.js";

/** A token and when it stops being valid (epoch milliseconds; undefined = until the server refuses it). */
export interface Token {
  value: string;
  expiresAt?: number;
}

/** Sends a request without credentials, through the client's limiter, retries and timeout (recorded in `trace`, if given). */
export type SendUnauthenticated = (request: Request, operation: string, trace?: CallTrace) => Promise<Response>;

export interface AuthContext {
  baseUrl: string;
  send: SendUnauthenticated;
  secrets: Secrets;
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
}

/** Obtains tokens lazily, caches them until shortly before they expire and shares one request among concurrent callers. */
export class TokenProvider {
  #current: Token | undefined;
  #pending: Promise<Token> | undefined;
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

  async get(ctx: AuthContext): Promise<string> {
    return (
      this.peek() ??
      (
        await (this.#pending ??= (this.#shared ? this.#shared.get(() => this.#obtain(ctx)) : this.#obtain(ctx))
          .then((tok) => {
            ctx.secrets.add(tok.value);
            // An expiry already in the past (server clock, mock servers) says nothing useful:
            // keep the token until the server refuses it.
            return (this.#current = tok.expiresAt! <= Date.now() ? { value: tok.value } : tok);
          })
          .finally(() => (this.#pending = undefined)))
      ).value
    );
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
 * becomes the typed error for its status (a 401 or 403 from a token endpoint is an `AuthenticationError`).
 * Nothing in the thrown error contains the credentials (URL and body are redacted).
 */
export async function requestToken(ctx: AuthContext, request: Request, operation: string): Promise<Record<string, unknown>> {
  const response = await ctx.send(request, operation);
  const body: unknown = await response.json().catch(() => {});
  if (!response.ok) {
    throw toApiError({ response, error: body }, operation, ctx.secrets, request.url, "token request refused", response.status === 403 ? AuthenticationError : undefined);
  }
  if (!body || typeof body !== "object") throw failure(InvalidResponseError, operation, request.url, ctx.secrets, "token response is not a JSON object");
  return body as Record<string, unknown>;
}
