// `paginate` follows `_meta` from page to page and yields the reports one by one: filter and map them.
import type { SimploClient } from "../src/index.js";

export default async function (simplo: SimploClient): Promise<string[]> {
  const names: string[] = [];
  for await (const report of simplo.paginate("/api/v0/reports", { params: { query: { per_page: 50, sort: "created_at", order: "desc" } } })) {
    if (report.is_active) names.push(`${report.id} ${report.name}`);
  }
  return names;
}
