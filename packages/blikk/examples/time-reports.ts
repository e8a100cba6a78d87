// List → detail: a user's time reports for a month, each looked up for its travel and material rows.
import type { BlikkClient } from "../src/index.js";

export default async function (blikk: BlikkClient<true>, userId: number): Promise<{ hours: number; reports: { id: number; project: string | null; materials: number }[] }> {
  const reports = [];
  let hours = 0;
  for await (const listed of blikk.paginate("/v1/Core/TimeReports", {
    params: { query: { "filter.userIds": [userId], "filter.from": "2021-08-01", "filter.to": "2021-08-31", sortBy: "date" } },
  })) {
    const { data: report } = await blikk.GET("/v1/Core/TimeReports/{id}", { params: { path: { id: listed.id } } });
    hours += report.hours;
    reports.push({ id: report.id, project: report.project?.name ?? null, materials: report.materials?.length ?? 0 });
  }
  return { hours, reports };
}
