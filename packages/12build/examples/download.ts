// Download bytes: look a document up, then fetch its file by the document's own type and id (parseAs: "arrayBuffer").
import type { TwelveBuildClient } from "../src/index.js";

export default async function (client: TwelveBuildClient, documentId: string): Promise<{ name: string; bytes: number } | undefined> {
  const { data: document } = await client.GET("/document/{id}", { params: { path: { id: documentId } } });
  if (!document) return undefined;
  const file = await client.GET("/file/{documentType}/{documentId}", {
    params: { path: { documentType: document.type, documentId: document.id } },
    parseAs: "arrayBuffer",
  });
  if (!file.data) return undefined;
  return { name: document.name ?? "", bytes: file.data.byteLength };
}
