// Upload a file as a new project document: multipart/form-data through `formDataBody`, the file in `file_contents`.
import { formDataBody, type TwelveBuildClient } from "../src/index.js";

export default async function (client: TwelveBuildClient, projectId: string, file: Blob): Promise<string | undefined> {
  const { data, error } = await client.POST("/project/{projectId}", {
    params: { path: { projectId }, query: { phase: "Calculatie", author: "J. Jansen" } },
    body: { file_contents: file },
    bodySerializer: formDataBody,
  });
  if (error) return undefined;
  return `${data.name} (${data.id})`;
}
