// `.pages()` yields each page as `{ items, number }` (12Build's list answers are plain arrays: no envelope, no total).
import type { TwelveBuildClient } from "../src/index.js";

export default async function (client: TwelveBuildClient): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of client.paginate("/project/list", { params: { query: { pageSize: 25 } } }).pages()) {
    pages.push(page.items.map((project) => `${project.id} ${project.city}`));
  }
  return pages;
}
