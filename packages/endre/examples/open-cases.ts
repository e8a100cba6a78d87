// Endre lists are not paged: map and filter a whole list. Titles of the cases of every unfinished project.
import type { EndreClient } from "../src/index.js";

export default async function (endre: EndreClient): Promise<string[]> {
  const { data: projects = [] } = await endre.GET("/v1/projects");
  const titles: string[] = [];
  for (const project of projects.filter((p) => !p.IsFinished)) {
    const { data: cases = [] } = await endre.GET("/v1/projects/{project_id}/cases", { params: { path: { project_id: project.Id } } });
    titles.push(...cases.filter((c) => !c.IsArchived).map((c) => `${project.ProjectNumber ?? "(no number)"} ${c.CaseNumber}: ${c.Title}`));
  }
  return titles;
}
