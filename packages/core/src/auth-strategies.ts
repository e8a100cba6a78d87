import { jwtExpiry, requestToken, tokenAuth, type Auth } from "./auth.js";

// Each strategy builds its token request inline: a bundle carries one strategy, so a shared helper only adds bytes.

/** A bearer token the caller already has: a string, or a function that returns one (called again after a 401). */
export function bearerToken(source: string | (() => string | Promise<string>)): Auth {
  const fn = typeof source === "function";
  return tokenAuth({
    obtain: async () => {
      const value = fn ? await source() : source;
      return { value, expiresAt: jwtExpiry(value) };
    },
    secrets: fn ? [] : [source],
    renewable: fn,
    // A static token is its own identity (a store shares its 429 pauses); a function's tokens are the caller's.
    owner: typeof source === "string" ? { identity: "", secret: source } : undefined,
    shareable: false,
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
export function oauth2PasswordGrant({ username, password, tokenPath, scope }: PasswordGrantOptions): Auth {
  return tokenAuth({
    secrets: [password],
    owner: { identity: username, secret: password },
    obtain: async (ctx) => {
      const body = new URLSearchParams({ grant_type: "password", username, password });
      if (scope) body.set("scope", scope);
      const answer = await requestToken(
        ctx,
        new Request(ctx.baseUrl.replace(/\/+$/, "") + tokenPath, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
          body,
        }),
        `POST ${tokenPath}`,
        "access_token",
      );
      const value = String(answer.access_token);
      const expiresIn = Number(answer.expires_in);
      return { value, expiresAt: expiresIn > 0 ? Date.now() + expiresIn * 1000 : jwtExpiry(value) };
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
  if (typeof value !== "string") return;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  const t = Date.parse(m ? `${m[1]}T${m[2]}${(m[3] ?? "Z").replace(/^([+-]\d\d)(\d\d)$/, "$1:$2")}` : value);
  return t === t ? t : undefined;
}

/** App id and secret sent as HTTP Basic to a token endpoint that answers with a bearer token. */
export function basicTokenExchange({ appId, appSecret, tokenPath, tokenField, expiresField }: BasicExchangeOptions): Auth {
  const basic = btoa(`${appId}:${appSecret}`);
  return tokenAuth({
    secrets: [appSecret, basic],
    owner: { identity: appId, secret: appSecret },
    obtain: async (ctx) => {
      const answer = await requestToken(
        ctx,
        new Request(ctx.baseUrl.replace(/\/+$/, "") + tokenPath, { method: "POST", headers: { Authorization: `Basic ${basic}`, Accept: "application/json" } }),
        `POST ${tokenPath}`,
        tokenField,
      );
      return { value: String(answer[tokenField]), expiresAt: parseLooseDateTime(answer[expiresField]) };
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
export function queryTokenExchange({ credentials, secretParams, tokenPath, tokenField, expiresField, defaultTtlMs, header }: QueryTokenOptions): Auth {
  return tokenAuth({
    header,
    secrets: secretParams.map((k) => credentials[k]),
    owner: {
      identity: Object.keys(credentials).filter((k) => !secretParams.includes(k)).map((k) => credentials[k]).join(":"),
      secret: secretParams.map((k) => credentials[k]).join(":"),
    },
    obtain: async (ctx) => {
      const answer = await requestToken(
        ctx,
        new Request(`${ctx.baseUrl.replace(/\/+$/, "")}${tokenPath}?${new URLSearchParams(credentials)}`, { headers: { Accept: "application/json" } }),
        `GET ${tokenPath}`,
        tokenField,
      );
      const exp = Number(answer[expiresField]);
      return { value: String(answer[tokenField]), expiresAt: exp > 0 ? exp * 1000 : Date.now() + defaultTtlMs };
    },
  });
}

export interface ApiKeyOptions {
  /** The API key: masked in errors and logs, never sent to another origin. */
  key: string;
  /** Where it goes (the spec's `securitySchemes` entry of `type: apiKey`): a header or a query parameter. */
  in: "header" | "query";
  /** The header's or the query parameter's name, e.g. `X-API-Key` or `api_key`. */
  name: string;
}

/** A static API key in a header or in the query string of every call that needs credentials. A 401 is final: the key does not change. */
export function apiKeyAuth({ key, in: where, name }: ApiKeyOptions): Auth {
  return {
    authorize: (headers) => {
      if (where === "header") headers.set(name, key);
      return key;
    },
    invalidate: () => false,
    register: (s) => s.add(key),
    header: where === "header" ? name : undefined,
    query: where === "query" ? name : undefined,
  };
}
