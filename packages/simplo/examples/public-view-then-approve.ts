// What a client sees: the public view of a report (by its hash, with its tasks), then the approval.
import type { SimploClient } from "../src/index.js";

export default async function (simplo: SimploClient<true>): Promise<{ tasks: number; approvedAt: string | null }> {
  const { data: report } = await simplo.GET("/api/v0/reports/{report_id}", { params: { path: { report_id: 6 } } });
  const { data: view } = await simplo.GET("/api/v0/reports/{report_id}/public", {
    params: { path: { report_id: report.id }, query: { hash: report.hash, embed: ["report_tasks"] } },
  });
  const { data: approved } = await simplo.POST("/api/v0/reports/{report_id}/approved", {
    params: { path: { report_id: view.id } },
    body: { hash: view.hash },
  });
  return { tasks: view._embedded?.report_tasks?.length ?? 0, approvedAt: approved.approved_at };
}
