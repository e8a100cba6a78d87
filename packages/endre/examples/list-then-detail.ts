// List the user's projects, then fetch the details of the first one by its listed `Id`.
import type { EndreClient, components } from "../src/index.js";

type Project = components["schemas"]["Project"];

export default async function (endre: EndreClient): Promise<Project | undefined> {
  const { data: projects, error } = await endre.GET("/v1/projects");
  if (error) throw new Error(`listing projects failed: ${JSON.stringify(error)}`);
  const first = projects[0];
  if (!first) return undefined;
  const { data: project } = await endre.GET("/v1/projects/{project_id}", { params: { path: { project_id: first.Id } } });
  return project;
}
