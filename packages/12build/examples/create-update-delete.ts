// Create → update → delete a document group, each step using the id the previous answer returned.
import type { TwelveBuildClient } from "../src/index.js";

export default async function (client: TwelveBuildClient, projectId: string): Promise<string[]> {
  const steps: string[] = [];
  const created = await client.POST("/project/{projectId}/document/group", { params: { path: { projectId }, query: { name: "Tekeningen" } } });
  const group = created.data?.[0];
  if (!group) return steps;
  steps.push(`created ${group.id}`);

  const updated = await client.PUT("/document/group/{documentGroupId}", {
    params: { path: { documentGroupId: group.id }, query: { name: "Tekeningen (definitief)", order: 2 } },
  });
  if (updated.error) return steps;
  steps.push(`renamed to ${updated.data[0]?.name ?? "?"}`);

  const removed = await client.DELETE("/document/group/{documentGroupId}", { params: { path: { documentGroupId: group.id } } });
  if (removed.response.ok) steps.push("deleted");
  return steps;
}
