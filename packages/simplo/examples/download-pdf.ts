// Download a report as PDF bytes. The download is authenticated by the report's `hash`, which is a
// field of the report itself (`GET /api/v0/reports/{report_id}` or the index).
import type { SimploClient } from "../src/index.js";

export default async function (simplo: SimploClient<true>): Promise<Uint8Array> {
  const { data: report } = await simplo.GET("/api/v0/reports/{report_id}", { params: { path: { report_id: 11 } } });
  const { data: pdf } = await simplo.GET("/api/v0/reports/{report_id}/download-pdf", {
    params: { path: { report_id: report.id }, query: { hash: report.hash } },
    parseAs: "arrayBuffer",
  });
  return new Uint8Array(pdf);
}
