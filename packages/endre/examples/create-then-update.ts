// Create a project in the user's first organization, then mark it finished using the returned id.
// (Endre documents no delete.)
import type { EndreClient, components } from "../src/index.js";

type Project = components["schemas"]["Project"];

export default async function (endre: EndreClient<true>): Promise<{ created: Project; updated: Project }> {
  const { data: organizations } = await endre.GET("/v1/organizations");
  const organization = organizations[0];
  if (!organization) throw new Error("the user belongs to no organization");
  const { data: created } = await endre.POST("/v1/projects", {
    params: { query: { project_name: "Harbour Offices", organization_id: organization.Id, project_number: "P-1001" } },
  });
  const { data: updated } = await endre.PATCH("/v1/projects", {
    params: { query: { project_id: created.Id } },
    body: { is_finished: true },
  });
  return { created, updated };
}
