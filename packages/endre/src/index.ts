import {
  createApiClientWith,
  listedValidationMessage,
  oauth2PasswordGrant,
  type ClientSettings,
} from "@specyard/core";
import type { components, operations, paths } from "./generated/schema.js";
import { emptySuccess, security, type routes } from "./generated/routes.js";
import { operationIds, type EndreClient } from "./generated/vendor.js";

export type { components, operations, paths, routes };
/** Errors, options and helpers of the shared runtime, so users need only this package. */
export * from "@specyard/core";
export { isEndreError, type EndreClient, type EndreError, type EndreErrorBody } from "./generated/vendor.js";

export interface EndreClientOptions extends ClientSettings {
  username: string;
  password: string;
  /** Default `https://public-api.endre.app`. */
  baseUrl?: string;
}

export const ENDRE_BASE_URL = "https://public-api.endre.app";

/**
 * A typed Endre client. It obtains a bearer token with the OAuth2 password grant on first use,
 * reuses it until it expires and renews it once on a 401.
 */
export function createEndreClient<Throws extends boolean = false>(
  options: EndreClientOptions & { throwOnError?: Throws },
): EndreClient<Throws> {
  const { username, password, ...rest } = options;
  return createApiClientWith<routes, Throws>({ validationMessage: listedValidationMessage, operationIds }, {
    ...rest,
    baseUrl: options.baseUrl ?? ENDRE_BASE_URL,
    vendor: "endre",
    auth: oauth2PasswordGrant({ username, password, tokenPath: "/token" }),
    security: { scheme: "oauth2Password", operations: security },
    emptySuccess,
  });
}
