// Sum the first project's monthly change-order amounts (case type 3) over the first half of 2026.
import type { EndreClient } from "../src/index.js";

export default async function (endre: EndreClient<true>): Promise<{ months: number; total: number; accepted: number }> {
  const { data: projects } = await endre.GET("/v1/projects");
  const projectId = projects[0]?.Id;
  if (!projectId) return { months: 0, total: 0, accepted: 0 };
  const { data: months } = await endre.GET("/v1/projects/{project_id}/amounts", {
    params: { path: { project_id: projectId }, query: { start_date: "2026-01-01", end_date: "2026-06-30", case_types: [3] } },
  });
  return {
    months: months.length,
    total: months.reduce((sum, m) => sum + m.TotalAmount, 0),
    accepted: months.reduce((sum, m) => sum + m.TotalAcceptedAmount, 0),
  };
}
