// List the projects, then fetch the first one by its listed `id` with its client embedded.
import type { SimploClient, components } from "../src/index.js";

type Project = components["schemas"]["Project"];

export default async function (simplo: SimploClient): Promise<Project | undefined> {
  const { data: projects, error, response } = await simplo.GET("/api/v0/projects");
  if (error) throw new Error(`listing projects failed with ${response.status}`);
  const first = projects.items[0];
  if (!first) return undefined;
  const { data: project } = await simplo.GET("/api/v0/projects/{project_id}", {
    params: { path: { project_id: first.id }, query: { embed: ["client"] } },
  });
  return project;
}
