import {
  createApiClientWith,
  isApiError,
  listedValidationMessage,
  oauth2PasswordGrant,
  type ApiClient,
  type ApiError,
  type ApiErrorClass,
  type ErrorBodyOf,
  type ClientSettings,
} from "@specyard/core";
import type { components, operations, paths } from "./generated/schema.js";
import { emptySuccess, security, type routes } from "./generated/routes.js";

export type { components, operations, paths, routes };
/** Errors, options and helpers of the shared runtime, so users need only this package. */
export * from "@specyard/core";

/** The error bodies Endre's spec declares (FastAPI `detail` bodies), read from the route table, or a `RawErrorBody`. */
export type EndreErrorBody = ErrorBodyOf<routes>;
export type EndreError = ApiError<EndreErrorBody>;
/** Whether `e` is an `ApiError` (of `Class` when given: `isEndreError(e, NotFoundError)`) typed with this API's error bodies (not checked at run time). */
export const isEndreError = <E extends ApiError<unknown> = ApiError>(e: unknown, Class?: ApiErrorClass<E>): e is E & EndreError => isApiError(e, Class);
/** `EndreClient<true>` is the client built with `throwOnError: true` (calls resolve only on success). */
export type EndreClient<Throws extends boolean = false> = ApiClient<routes, Throws>;

export interface EndreClientOptions extends ClientSettings {
  username: string;
  password: string;
  /** Default `https://public-api.endre.app`. */
  baseUrl?: string;
}

export const ENDRE_BASE_URL = "https://public-api.endre.app";

/** The spec's operationIds, loaded only by a client with a `tracer` (the spans' `specyard.operation`). */
const operationIds = () => import("./generated/operations.js").then((m) => m.operationIds);

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
