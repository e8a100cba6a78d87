// Who is on the first project: each project organization by its listed `Id`, then the organization itself
// by `OrganizationId` (two different ids).
import type { EndreClient } from "../src/index.js";

export default async function (endre: EndreClient<true>): Promise<{ role: string; name: string }[]> {
  const { data: projects } = await endre.GET("/v1/projects");
  const project = projects[0];
  if (!project) return [];
  const projectId = project.Id;
  const { data: members } = await endre.GET("/v1/projects/{project_id}/organizations", { params: { path: { project_id: projectId } } });
  return Promise.all(
    members.map(async (m) => {
      const { data: member } = await endre.GET("/v1/projects/{project_id}/organizations/{project_organization_id}", {
        params: { path: { project_id: projectId, project_organization_id: m.Id } },
      });
      const { data: organization } = await endre.GET("/v1/organizations/{organization_id}", {
        params: { path: { organization_id: member.OrganizationId } },
      });
      return { role: member.Role, name: organization.Name };
    }),
  );
}
