// The client, its options and constants are generated from package.json's "specyard" block (src/generated/vendor.ts);
// this file adds what is Simplo's own: the decoded filters and the report PDF download.
import type { components, operations, paths } from "./generated/schema.js";
import type { routes } from "./generated/routes.js";
import type { SimploClient, SimploErrorBody } from "./generated/vendor.js";

export type { components, operations, paths, routes };
/** Errors, options and helpers of the shared runtime (incl. `base64JsonParam` for `filter`), so users need only this package. */
export * from "@specyard/core";
export {
  createSimploClient,
  isSimploError,
  type SimploAuthOptions,
  type SimploClient,
  type SimploClientOptions,
  type SimploError,
  type SimploErrorBody,
} from "./generated/vendor.js";

/** Decoded `filter` of the projects index: encode it with `base64JsonParam<SimploProjectsFilter>(…)`. */
export type SimploProjectsFilter = components["schemas"]["ProjectsFilter"];
/** Decoded `filter` of the reports index: encode it with `base64JsonParam<SimploReportsFilter>(…)`. */
export type SimploReportsFilter = components["schemas"]["ReportsFilter"];

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
