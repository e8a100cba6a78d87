// `.pages()` yields one array of items per page (not the envelope): handle a register page by page.
import type { BlikkClient } from "../src/index.js";

export default async function (blikk: BlikkClient): Promise<{ pages: number; names: string[] }> {
  let pages = 0;
  const names: string[] = [];
  for await (const users of blikk.paginate("/v1/Admin/Users", { params: { query: { pageSize: 50 } } }).pages()) {
    pages += 1;
    names.push(...users.map((u) => [u.firstName, u.lastName].filter(Boolean).join(" ")));
  }
  return { pages, names };
}
