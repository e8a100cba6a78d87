import { AuthenticationError, errorForStatus, InvalidResponseError } from "./errors.js";
import { redactUrl, type Secrets } from "./redact.js";

/** A token and when it stops being valid (epoch milliseconds; undefined = until the server refuses it). */
export interface Token {
  value: string;
  expiresAt?: number;
}

/** Sends a request without credentials, through the client's limiter, retries and timeout. */
export type SendUnauthenticated = (request: Request, operation: string) => Promise<Response>;

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
}

/** Obtains tokens lazily, caches them until shortly before they expire and shares one request among concurrent callers. */
export class TokenProvider {
  private current: Token | undefined;
  private pending: Promise<Token> | undefined;

  constructor(
    private readonly obtain: (ctx: AuthContext) => Promise<Token>,
    /** Renew this long before `expiresAt`. */
    private readonly skewMs = 30_000,
  ) {}

  /** The cached token while it is still valid (not about to expire), else undefined. */
  peek(): string | undefined {
    const t = this.current;
    return t && (t.expiresAt === undefined || t.expiresAt - this.skewMs > Date.now()) ? t.value : undefined;
  }

  async get(ctx: AuthContext): Promise<string> {
    const cached = this.peek();
    if (cached !== undefined) return cached;
    if (!this.pending) {
      this.pending = this.obtain(ctx).then(
        (tok) => {
          ctx.secrets.add(tok.value);
          // An expiry already in the past (server clock, mock servers) says nothing useful:
          // keep the token until the server refuses it.
          if (tok.expiresAt !== undefined && tok.expiresAt <= Date.now()) tok = { value: tok.value };
          this.current = tok;
          this.pending = undefined;
          return tok;
        },
        (err: unknown) => {
          this.pending = undefined;
          throw err;
        },
      );
    }
    return (await this.pending).value;
  }

  /** Forgets `token` if it is still the current one. */
  invalidate(token: string | undefined): void {
    if (this.current && this.current.value === token) this.current = undefined;
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
}

/** The shared token strategy every vendor strategy is built from. */
export function tokenAuth(o: TokenAuthOptions): Auth {
  const provider = new TokenProvider(o.obtain, o.skewMs);
  const header = o.header ?? "Authorization";
  const prefix = o.prefix ?? (header === "Authorization" ? "Bearer " : "");
  return {
    authorize(headers, ctx) {
      // Synchronous while the cached token is valid (the common case); a promise when one must be obtained.
      const cached = provider.peek();
      if (cached !== undefined) {
        headers.set(header, prefix + cached);
        return cached;
      }
      return provider.get(ctx).then((token) => {
        headers.set(header, prefix + token);
        return token;
      });
    },
    invalidate(token) {
      provider.invalidate(token);
      return o.renewable !== false;
    },
    register(secrets) {
      for (const s of o.secrets ?? []) secrets.add(s);
    },
  };
}

/** Reads `exp` from a JWT without verifying it (epoch ms), if the token is a JWT. */
export function jwtExpiry(token: string): number | undefined {
  const part = token.split(".")[1];
  if (!part) return undefined;
  try {
    const json = JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: unknown };
    return typeof json.exp === "number" ? json.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends a token request through the client's transport and returns its JSON answer. A refused request
 * becomes the typed error for its status (a 401 or 403 from a token endpoint is an `AuthenticationError`).
 * Nothing in the thrown error contains the credentials (URL and body are redacted).
 */
export async function requestToken(ctx: AuthContext, request: Request, operation: string): Promise<Record<string, unknown>> {
  const res = await ctx.send(request, operation);
  const url = redactUrl(request.url, ctx.secrets);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const init = { status: res.status, operation, url, body: ctx.secrets.redactValue(body), detail: "token request refused" };
    throw res.status === 401 || res.status === 403 ? new AuthenticationError(init) : errorForStatus(init);
  }
  if (!body || typeof body !== "object") {
    throw new InvalidResponseError({ operation, url, detail: "token response is not a JSON object" });
  }
  return body as Record<string, unknown>;
}
