// Download: every file attachment of a task (links have no bytes), read as an ArrayBuffer.
import type { BlikkClient } from "../src/index.js";

export default async function (blikk: BlikkClient<true>, taskId: number): Promise<{ name: string; bytes: number }[]> {
  const { data } = await blikk.GET("/v1/Core/Tasks/{taskId}/Attachments", { params: { path: { taskId }, query: { page: 1, pageSize: 100 } } });
  const files = data.items.filter((a) => a.type?.toLowerCase() === "file");
  const out = [];
  for (const file of files) {
    const { data: bytes } = await blikk.GET("/v1/Core/Tasks/{taskId}/Attachments/{attachmentId}/Download", {
      params: { path: { taskId, attachmentId: file.id } },
      parseAs: "arrayBuffer",
    });
    out.push({ name: file.name ?? `attachment-${file.id}`, bytes: bytes.byteLength });
  }
  return out;
}
