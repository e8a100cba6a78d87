import {
  ConfigurationError,
  bearerToken,
  createApiClientWith,
  listedValidationMessage,
  metaPages,
  paginate,
  type ClientSettings,
} from "@specyard/core";
import type { components, operations, paths } from "./generated/schema.js";
import { emptySuccess, maxPageSize, secretParams, security, type routes } from "./generated/routes.js";
import { operationIds, type SimploClient, type SimploErrorBody } from "./generated/vendor.js";

export type { components, operations, paths, routes };
/** Errors, options and helpers of the shared runtime (incl. `base64JsonParam` for `filter`), so users need only this package. */
export * from "@specyard/core";
export { isSimploError, type SimploClient, type SimploError, type SimploErrorBody } from "./generated/vendor.js";

/** Decoded `filter` of the projects index: encode it with `base64JsonParam<SimploProjectsFilter>(…)`. */
export type SimploProjectsFilter = components["schemas"]["ProjectsFilter"];
/** Decoded `filter` of the reports index: encode it with `base64JsonParam<SimploReportsFilter>(…)`. */
export type SimploReportsFilter = components["schemas"]["ReportsFilter"];

/**
 * At most one of a static JWT or a function that returns one (called lazily, and again after a 401).
 * Neither: only the report-hash operations work (public view, PDF, approval); any other call fails
 * before sending with a `ConfigurationError`.
 */
export type SimploAuthOptions =
  | { token: string; getToken?: never }
  | { getToken: () => string | Promise<string>; token?: never }
  | { token?: never; getToken?: never };

export type SimploClientOptions = SimploAuthOptions &
  ClientSettings & {
    /** Your Simplo IS installation, e.g. `https://is.example.com` (required: the host is not documented). */
    baseUrl: string;
  };

/**
 * A typed Simplo IS client: bearer JWT auth, `_meta` pagination for `paginate()`, comma-separated
 * `embed` arrays. Report-hash operations (public view, PDF, approval) take the hash as a parameter and
 * go out without the JWT where the spec says so (`security: []`; approval: with it when the client has one).
 */
export function createSimploClient<Throws extends boolean = false>(
  options: SimploClientOptions & { throwOnError?: Throws },
): SimploClient<Throws> {
  const { token, getToken, ...settings } = options;
  const { baseUrl } = settings;
  if (!baseUrl) throw new ConfigurationError("createSimploClient: baseUrl is required (the Simplo IS host of your installation)");
  if (token !== undefined && getToken !== undefined) {
    throw new ConfigurationError("createSimploClient: give either token or getToken, not both");
  }
  if (token === "") throw new ConfigurationError("createSimploClient: token is empty (leave it out to call only the report-hash operations)");
  const source = token || getToken;
  return createApiClientWith<routes, Throws>({ paginate, validationMessage: listedValidationMessage, operationIds }, {
    ...settings,
    vendor: "simplo",
    auth: source ? bearerToken(source) : undefined,
    maxPageSize,
    security: { scheme: "bearerAuth", operations: security, missing: "give createSimploClient a token or getToken" },
    emptySuccess,
    // The report hash (`format: password` in the spec) is a secret of every call that sends it.
    secretParams,
    pagination: metaPages,
    querySerializer: { array: { style: "form", explode: false } },
  });
}

export interface ReportPdfParams {
  report_id: number;
  /** The report's secret hash (masked in errors). */
  hash: string;
}

/** What `downloadReportPdf` resolves to: the client's `{ data, error, response }` union, `data` as bytes. */
export type ReportPdfResult<Throws extends boolean = false> = Throws extends true
  ? { data: Uint8Array; error?: never; response: Response }
  : { data: Uint8Array; error?: never; response: Response } | { data?: never; error: SimploErrorBody; response: Response };

/**
 * Downloads a report as PDF bytes (`GET /api/v0/reports/{report_id}/download-pdf`, authenticated by
 * the hash). The same `{ data, error, response }` union as the client (`if (error)` narrows `data`), or
 * a typed error with `throwOnError`, with `data` as bytes.
 */
export async function downloadReportPdf<Throws extends boolean = false>(
  client: SimploClient<Throws>,
  { report_id, hash }: ReportPdfParams,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<ReportPdfResult<Throws>> {
  // Both client flavours share one runtime; the throwing one only narrows the result type.
  const { data, error, response } = await (client as SimploClient).GET("/api/v0/reports/{report_id}/download-pdf", {
    ...init,
    params: { path: { report_id }, query: { hash } },
    parseAs: "arrayBuffer",
  });
  const result: ReportPdfResult = error === undefined ? { data: new Uint8Array(data), response } : { error, response };
  return result as ReportPdfResult<Throws>;
}
