// Paginate → filter/map: every project whose status is not a completed one, as "number title".
import type { BlikkClient } from "../src/index.js";

export default async function (blikk: BlikkClient): Promise<string[]> {
  const projects = await blikk.paginate("/v1/Core/Projects", { params: { query: { pageSize: 100, sortBy: "createdDate" } } }).toArray();
  return projects.filter((p) => p.status?.isCompletedStatus !== true).map((p) => `${p.orderNumber ?? "-"} ${p.title ?? ""}`.trim());
}
