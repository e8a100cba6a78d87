// Floors, bottom up: base64-json, lite-request, multipart, query, redact, retry, shared, sleep < errors, warn < checks, paginate, ratelimit, validate < store, trace < auth < auth-strategies, transport < types < client
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ServerError,
  SpecyardError,
  TimeoutError,
  UnprocessableEntityError,
  errorForStatus,
  errorMessage,
  anyValidationMessage,
  isApiError,
  keyedValidationMessage,
  listedValidationMessage,
  summarizeBody,
  toApiError,
  type ApiErrorClass,
  type ValidationMessage,
  type ApiErrorInit,
} from "./errors.js";
export { Secrets, redactUrl } from "./redact.js";
export { base64JsonParam } from "./base64-json.js";
export { TokenProvider, tokenAuth, jwtExpiry, requestToken, type Auth, type AuthContext, type TokenAuthOptions } from "./auth.js";
export {
  apiKeyAuth,
  basicTokenExchange,
  bearerToken,
  oauth2PasswordGrant,
  parseLooseDateTime,
  queryTokenExchange,
  type ApiKeyOptions,
  type BasicExchangeOptions,
  type PasswordGrantOptions,
  type QueryTokenOptions,
} from "./auth-strategies.js";
export { RETRY_DEFAULTS, backoffDelay, canResend, parseRetryAfter, rateLimitWait, waitInSecondsBody, type BodyWait, type RetryOptions } from "./retry.js";
export { SlidingWindowLimiter, limiterFor, type RateLimit } from "./ratelimit.js";
export { MAX_TIMER_MS, setTimer } from "./sleep.js";
export { MAX_REDIRECTS, assertSecureTransport, createTransport, type CallContext, type CallOptions, type Transport, type TransportOptions } from "./transport.js";
export {
  IncompleteListError,
  PageIterator,
  metaPages,
  paginate,
  pagedEnvelope,
  plainArrayPages,
  type Page,
  type PageInit,
  type PageTotals,
  type PaginateContext,
  type PaginateOptions,
  type PaginationScheme,
} from "./paginate.js";
export { formDataBody } from "./multipart.js";
export { styledQuerySerializer, type StyledQueryOptions } from "./query.js";
export type { SharedLimiter, Store, StoreScope } from "./store.js";
export type { Logger, RawErrorBody, SharedTokens, Slot, Token } from "./shared.js";
export {
  ResponseValidationError,
  ResponseValidators,
  responseValidators,
  type CompiledValidator,
  type Drift,
  type DriftProblem,
  type ResponseTable,
  type ValidateOptions,
} from "./validate.js";
export { createApiClient, createApiClientWith, type ApiClientOptions, type ClientParts, type ClientSettings, type OperationSecurity } from "./client.js";
export type {
  ApiClient,
  BodyTypes,
  ErrorBodyOf,
  ErrorResult,
  FetchResult,
  HttpMethod,
  Init,
  ItemOf,
  LiberalParams,
  PaginateInit,
  PaginatedPath,
  ParseAs,
  RequestOptions,
  Route,
  RouteMethod,
  RouteOf,
  Routes,
  RoutesOf,
  ThrowingClient,
  ThrowingResult,
} from "./types.js";
