// List → detail: open the first listed project by the id the list gave (a string or a number, both fit).
import type { TwelveBuildClient } from "../src/index.js";

export default async function (client: TwelveBuildClient): Promise<{ listed: string; detail: string } | undefined> {
  const { data: projects, error } = await client.GET("/project/list", { params: { query: { active: 1 } } });
  if (error) return undefined;
  const first = projects[0];
  if (!first) return undefined;
  const { data: project } = await client.GET("/project/{projectId}", { params: { path: { projectId: first.id } } });
  if (!project) return undefined;
  // List items are slimmer than the detail: only the detail has the address, client, manager, ...
  return { listed: first.name, detail: `${project.name}, ${project.city} (${project.countryCode})` };
}
