// Upload: attach a photo to a task as multipart/form-data (`formDataBody`), then a link attachment.
import { formDataBody, type BlikkClient } from "../src/index.js";

export default async function (blikk: BlikkClient<true>, taskId: number, photo: Blob): Promise<number[]> {
  const file = await blikk.POST("/v1/Core/Tasks/{taskId}/Attachments", {
    params: { path: { taskId } },
    body: { name: "site-photo.png", file: photo },
    bodySerializer: formDataBody,
  });
  const link = await blikk.POST("/v1/Core/Tasks/{taskId}/Attachments", {
    params: { path: { taskId } },
    body: { name: "Drawings", externalUrl: "https://drive.google.com/drive/folders/drawings", externalUrlType: "googleDrive" },
    bodySerializer: formDataBody,
  });
  return [file.response.status, link.response.status];
}
