import {
  createApiClient,
  oauth2PasswordGrant,
  type ApiClient,
  type ApiError,
  type Logger,
  type RetryOptions,
} from "@specyard/core";
import type { components, operations, paths } from "./generated/schema.js";

export type { components, operations, paths };
/** Errors, options and helpers of the shared runtime, so users need only this package. */
export * from "@specyard/core";

/** The error bodies Endre's spec declares (FastAPI `detail` bodies). */
export type EndreErrorBody = components["schemas"]["Detail"] | components["schemas"]["HTTPValidationError"];
export type EndreError = ApiError<EndreErrorBody>;
export type EndreClient = ApiClient<paths>;

export interface EndreClientOptions {
  username: string;
  password: string;
  /** Default `https://public-api.endre.app`. */
  baseUrl?: string;
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
  retry?: RetryOptions | false;
  timeoutMs?: number;
  /** Throw typed errors instead of returning `{ error }`. */
  throwOnError?: boolean;
  logger?: Logger;
  allowInsecureHttp?: boolean;
}

export const ENDRE_BASE_URL = "https://public-api.endre.app";

/**
 * A typed Endre client. It obtains a bearer token with the OAuth2 password grant on first use,
 * reuses it until it expires and renews it once on a 401.
 */
export function createEndreClient(options: EndreClientOptions): EndreClient {
  const { username, password, ...rest } = options;
  return createApiClient<paths>({
    ...rest,
    baseUrl: options.baseUrl ?? ENDRE_BASE_URL,
    auth: oauth2PasswordGrant({ username, password, tokenPath: "/token" }),
  });
}
