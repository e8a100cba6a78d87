import { jwtExpiry, requestToken, tokenAuth, type Auth, type AuthContext } from "./auth.js";

const url = (ctx: AuthContext, path: string) => ctx.baseUrl.replace(/\/+$/, "") + path;

/** A bearer token the caller already has: a string, or a function that returns one (called again after a 401). */
export function bearerToken(source: string | (() => string | Promise<string>)): Auth {
  const fn = typeof source === "function" ? source : undefined;
  return tokenAuth({
    obtain: async () => {
      const value = fn ? await fn() : (source as string);
      return { value, expiresAt: jwtExpiry(value) };
    },
    secrets: fn ? [] : [source as string],
    renewable: !!fn,
  });
}

export interface PasswordGrantOptions {
  username: string;
  password: string;
  /** Token endpoint path relative to the base URL. */
  tokenPath: string;
  scope?: string;
}

/** OAuth2 resource-owner password grant: form-encoded `username`/`password` posted to the token endpoint. */
export function oauth2PasswordGrant(o: PasswordGrantOptions): Auth {
  return tokenAuth({
    secrets: [o.password],
    obtain: async (ctx) => {
      const form = new URLSearchParams({ grant_type: "password", username: o.username, password: o.password });
      if (o.scope) form.set("scope", o.scope);
      const body = await requestToken(
        ctx,
        new Request(url(ctx, o.tokenPath), {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
          body: form,
        }),
        `POST ${o.tokenPath}`,
      );
      const value = String(body.access_token ?? "");
      const expiresIn = Number(body.expires_in);
      return {
        value,
        expiresAt: expiresIn > 0 ? Date.now() + expiresIn * 1000 : jwtExpiry(value),
      };
    },
  });
}

export interface BasicExchangeOptions {
  appId: string;
  appSecret: string;
  tokenPath: string;
  /** Field names in the token answer. */
  tokenField: string;
  expiresField: string;
}

/** Parses date-times such as `2022-07-01 05:43:12 +00:00` as well as RFC 3339. */
export function parseLooseDateTime(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  const iso = m ? `${m[1]}T${m[2]}${m[3] ? (m[3] === "Z" ? "Z" : m[3].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")) : "Z"}` : value;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** App id and secret sent as HTTP Basic to a token endpoint that answers with a bearer token. */
export function basicTokenExchange(o: BasicExchangeOptions): Auth {
  const basic = btoa(`${o.appId}:${o.appSecret}`);
  return tokenAuth({
    secrets: [o.appSecret, basic],
    obtain: async (ctx) => {
      const body = await requestToken(
        ctx,
        new Request(url(ctx, o.tokenPath), {
          method: "POST",
          headers: { Authorization: `Basic ${basic}`, Accept: "application/json" },
        }),
        `POST ${o.tokenPath}`,
      );
      return { value: String(body[o.tokenField] ?? ""), expiresAt: parseLooseDateTime(body[o.expiresField]) };
    },
  });
}

export interface QueryTokenOptions {
  /** Query parameters that carry the credentials, e.g. `{ login, apiKey }`. */
  credentials: Record<string, string>;
  /** Which of them are secret (masked everywhere). */
  secretParams: string[];
  tokenPath: string;
  tokenField: string;
  /** Field with the expiry as unix seconds (number or numeric string). */
  expiresField: string;
  /** Lifetime to assume when the answer has no usable expiry. */
  defaultTtlMs: number;
  /** Header that carries the token on later calls. */
  header: string;
}

/** Credentials in the query string of a GET token endpoint; the token travels in a custom header. */
export function queryTokenExchange(o: QueryTokenOptions): Auth {
  return tokenAuth({
    header: o.header,
    secrets: o.secretParams.map((k) => o.credentials[k]),
    obtain: async (ctx) => {
      const q = new URLSearchParams(o.credentials);
      const body = await requestToken(
        ctx,
        new Request(`${url(ctx, o.tokenPath)}?${q}`, { headers: { Accept: "application/json" } }),
        `GET ${o.tokenPath}`,
      );
      const exp = Number(body[o.expiresField]);
      return {
        value: String(body[o.tokenField] ?? ""),
        expiresAt: exp > 0 ? exp * 1000 : Date.now() + o.defaultTtlMs,
      };
    },
  });
}
