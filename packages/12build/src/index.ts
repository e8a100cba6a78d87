import {
  createApiClientWith,
  paginate,
  plainArrayPages,
  queryTokenExchange,
  styledQuerySerializer,
  type ClientSettings,
} from "@specyard/core";
import type { components, operations, paths } from "./generated/schema.js";
import { emptySuccess, maxPageSize, queryArrays, security, type routes } from "./generated/routes.js";
import { operationIds, type TwelveBuildClient } from "./generated/vendor.js";

export type { components, operations, paths, routes };
/** Errors, options and helpers of the shared runtime (e.g. `formDataBody`), so users need only this package. */
export * from "@specyard/core";
export { is12BuildError, type TwelveBuildClient, type TwelveBuildError, type TwelveBuildErrorBody } from "./generated/vendor.js";

export interface TwelveBuildClientOptions extends ClientSettings {
  /** The API user's login. */
  login: string;
  /** The API user's key. It travels in the token request's query string; never logged, never part of an error. */
  apiKey: string;
  /** Default `https://api.12build.com` (the spec's server default, an assumption: see specs/12build/NOTES.md). */
  baseUrl?: string;
}

export const TWELVE_BUILD_BASE_URL = "https://api.12build.com";

/**

/**
 * A typed 12Build client. On first use it exchanges `login` and `apiKey` for a token at `GET /tokens`,
 * sends it as `X-Auth-Token`, reuses it for its hour and renews it once on a 401.
 *
 * - Lists: `client.paginate("/project/list", { params: { query: { pageSize: 100 } } })` reads the plain
 *   array pages until a short or empty one.
 * - Downloads (`getFile`, `getMessagePdf`): pass `parseAs: "arrayBuffer"` (or `"blob"`) to get the bytes.
 * - Uploads (`createDocument`, `addDocumentToDocumentGroup`): pass `bodySerializer: formDataBody` with
 *   `body: { file_contents: blob }` to send `multipart/form-data`.
 * - Query strings follow the spec: `properties[name]=…` and `budgetRows[0][properties][name]=…` (nested
 *   deepObject), `phase=Calculatie,Inkoop` (comma-separated), `budgetRowIds[0]=1&budgetRowIds[1]=2` (indexed; `budgetRowIds=` when empty).
 */
export function create12BuildClient<Throws extends boolean = false>(
  options: TwelveBuildClientOptions & { throwOnError?: Throws },
): TwelveBuildClient<Throws> {
  const { login, apiKey, ...rest } = options;
  return createApiClientWith<routes, Throws>({ paginate, operationIds }, {
    ...rest,
    baseUrl: options.baseUrl ?? TWELVE_BUILD_BASE_URL,
    vendor: "12build",
    auth: queryTokenExchange({
      credentials: { login, apiKey },
      secretParams: ["apiKey"],
      tokenPath: "/tokens",
      tokenField: "token",
      expiresField: "expireDate",
      defaultTtlMs: 3_600_000,
      header: "X-Auth-Token",
    }),
    maxPageSize,
    security: { scheme: "AuthToken", operations: security },
    emptySuccess,
    pagination: plainArrayPages,
    // The doc's comma-separated lists (`style: form, explode: false`) and the arrays the spec marks
    // `x-specyard-query: php-indexed` (PHP keeps only the last of repeated keys without brackets;
    // specs/12build/NOTES.md, section 5).
    querySerializer: styledQuerySerializer(queryArrays),
  });
}
