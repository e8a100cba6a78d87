// `.pages()` yields each page as `{ items, number, totalPages, totalItems }`: handle a register page by page.
import type { BlikkClient } from "../src/index.js";

export default async function (blikk: BlikkClient): Promise<{ pages: number; names: string[] }> {
  let pages = 0;
  const names: string[] = [];
  for await (const page of blikk.paginate("/v1/Admin/Users", { params: { query: { pageSize: 50 } } }).pages()) {
    pages += 1;
    names.push(...page.items.map((u) => [u.firstName, u.lastName].filter(Boolean).join(" ")));
  }
  return { pages, names };
}
