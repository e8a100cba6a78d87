// `.pages()` yields each page as an array of items (12Build's list answers are plain arrays, there is no envelope).
import type { TwelveBuildClient } from "../src/index.js";

export default async function (client: TwelveBuildClient): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of client.paginate("/project/list", { params: { query: { pageSize: 25 } } }).pages()) {
    pages.push(page.map((project) => `${project.id} ${project.city}`));
  }
  return pages;
}
