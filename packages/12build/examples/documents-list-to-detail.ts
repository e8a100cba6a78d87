// List → detail for document groups and documents: the ids from the lists go straight into the detail calls.
import type { TwelveBuildClient } from "../src/index.js";

export default async function (client: TwelveBuildClient, projectId: string): Promise<{ group: string; document: string } | undefined> {
  const groups = await client.GET("/project/{projectId}/document/group", { params: { path: { projectId } } });
  if (groups.error) return undefined;
  const listedGroup = groups.data[0];
  if (!listedGroup) return undefined;
  const group = await client.GET("/document/group/{documentGroupId}", { params: { path: { documentGroupId: listedGroup.id } } });
  if (group.error) return undefined;

  const folders = await client.GET("/project/{projectId}/document/list", { params: { path: { projectId } } });
  if (folders.error) return undefined;
  const listedDocument = folders.data.flatMap((folder) => folder.documents)[0];
  if (!listedDocument) return undefined;
  const document = await client.GET("/document/{id}", { params: { path: { id: listedDocument.id } } });
  if (document.error) return undefined;
  return { group: group.data[0]?.name ?? "", document: document.data.name ?? "" };
}
