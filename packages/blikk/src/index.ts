import {
  basicTokenExchange,
  createApiClientWith,
  keyedValidationMessage,
  limiterFor,
  pagedEnvelope,
  waitInSecondsBody,
  paginate,
  type ClientSettings,
  type RateLimit,
} from "@specyard/core";
import type { components, operations, paths } from "./generated/schema.js";
import { emptySuccess, maxPageSize, security, type routes } from "./generated/routes.js";
import { operationIds, type BlikkClient } from "./generated/vendor.js";

export type { components, operations, paths, routes };
/** Errors, options and helpers of the shared runtime (e.g. `formDataBody`), so users need only this package. */
export * from "@specyard/core";
export { isBlikkError, type BlikkClient, type BlikkError, type BlikkErrorBody } from "./generated/vendor.js";

export interface BlikkClientOptions extends ClientSettings {
  /** The API-application's id. */
  appId: string;
  /** The API-application's secret. Never logged, never part of an error. */
  appSecret: string;
  /** Default `https://publicapi.blikk.com`. */
  baseUrl?: string;
  /**
   * Client-side rate limit. Default: Blikk's documented 4 requests per second, shared by every client
   * of the same app and base URL. `false` turns it off (tests, benchmarks).
   */
  rateLimit?: RateLimit | false;
}

export const BLIKK_BASE_URL = "https://publicapi.blikk.com";
/** Blikk answers 429 above four requests per second per access token. */
export const BLIKK_RATE_LIMIT: RateLimit = { limit: 4, windowMs: 1000 };

/**
 * A typed Blikk client. It exchanges the app id and secret (HTTP Basic) for a bearer token at
 * `POST /v1/Auth/Token` on first use, reuses it until it expires and renews it once on a 401.
 *
 * - Lists: `client.paginate("/v1/Core/Contacts")` walks the `generic.pagedlist` envelopes in pages of
 *   100 (the documented maximum), up to 4 at a time within the limit; `filter.*Ids` arrays are sent comma-separated.
 * - Attachment download: pass `parseAs: "arrayBuffer"` (or `"blob"`) to get the bytes.
 * - Attachment upload: pass `bodySerializer: formDataBody` to send `multipart/form-data`.
 */
export function createBlikkClient<Throws extends boolean = false>(
  options: BlikkClientOptions & { throwOnError?: Throws },
): BlikkClient<Throws> {
  const { appId, appSecret, rateLimit, ...rest } = options;
  const baseUrl = options.baseUrl ?? BLIKK_BASE_URL;
  return createApiClientWith<routes, Throws>({ limiterFor, paginate, validationMessage: keyedValidationMessage, bodyWait: waitInSecondsBody, operationIds }, {
    ...rest,
    baseUrl,
    vendor: "blikk",
    auth: basicTokenExchange({ appId, appSecret, tokenPath: "/v1/Auth/Token", tokenField: "accessToken", expiresField: "expires" }),
    // One limiter per app and server; the key never contains the secret.
    rateLimit: rateLimit === false ? false : { ...(rateLimit ?? BLIKK_RATE_LIMIT), key: `blikk:${baseUrl}:${appId}` },
    maxPageSize,
    security: { scheme: "bearerAuth", operations: security },
    emptySuccess,
    pagination: pagedEnvelope,
    // `filter.tagIds=42,150,6`, as the spec declares (style: form, explode: false).
    querySerializer: { array: { style: "form", explode: false } },
  });
}
