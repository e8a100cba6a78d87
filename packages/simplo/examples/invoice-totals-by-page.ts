// `.pages()` yields each page as `{ items, number, totalPages, totalItems }` (the reports, not the `{ items, _meta }` envelope).
import type { SimploClient } from "../src/index.js";

export default async function (simplo: SimploClient): Promise<number[]> {
  const totals: number[] = [];
  for await (const page of simplo.paginate("/api/v0/reports", { params: { query: { per_page: 20 } } }, { maxItems: 100 }).pages()) {
    totals.push(page.items.reduce((sum, r) => sum + r.to_invoice_price, 0));
  }
  return totals;
}
