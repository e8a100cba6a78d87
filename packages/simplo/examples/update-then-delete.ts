// Write flow on a listed report: PATCH its state, PUT the invoice number using the returned id, then
// delete it. (Simplo IS documents no create.)
import type { SimploClient, components } from "../src/index.js";

type Report = components["schemas"]["Report"];

export default async function (simplo: SimploClient<true>): Promise<{ sent: Report; invoiced: Report; deleteStatus: number }> {
  const { data: page } = await simplo.GET("/api/v0/reports", { params: { query: { per_page: 1 } } });
  const report = page.items[0];
  if (!report) throw new Error("there are no reports");
  const { data: sent } = await simplo.PATCH("/api/v0/reports/{report_id}", { params: { path: { report_id: report.id } }, body: { state: 2 } });
  const { data: invoiced } = await simplo.PUT("/api/v0/reports/{report_id}", {
    params: { path: { report_id: sent.id } },
    body: { state: sent.state, invoice_number: 20230001 },
  });
  const { response } = await simplo.DELETE("/api/v0/reports/{report_id}", { params: { path: { report_id: invoiced.id } } });
  return { sent, invoiced, deleteStatus: response.status };
}
