// Tasks: the first open task on a project's task board gets a comment, which is then edited.
// Writes answer 200 without a body, so the new comment's id is read back from the comment list.
import type { BlikkClient } from "../src/index.js";

export default async function (blikk: BlikkClient<true>, projectId: number): Promise<{ taskId: number; commentId: number; texts: string[] } | undefined> {
  const { data: boards } = await blikk.GET("/v1/Core/TaskBoards", { params: { query: { page: 1, "filter.projectIds": [projectId] } } });
  const board = boards.items[0];
  if (!board) return undefined;
  const { data: tasks } = await blikk.GET("/v1/Core/Tasks", { params: { query: { page: 1, "filter.taskBoardId": board.id } } });
  const task = tasks.items.find((t) => t.completedDate == null);
  if (!task) return undefined;
  const onTask = { params: { path: { taskId: task.id } } };
  await blikk.POST("/v1/Core/Tasks/{taskId}/Comments", { ...onTask, body: { text: "Slab poured, curing until Friday." } });
  const { data: comments } = await blikk.GET("/v1/Core/Tasks/{taskId}/Comments", { params: { path: { taskId: task.id }, query: { page: 1, sortBy: "createdDate", sortOrder: "descending" } } });
  const latest = comments.items[0];
  if (!latest) return undefined;
  await blikk.PUT("/v1/Core/Tasks/{taskId}/Comments/{commentId}", { params: { path: { taskId: task.id, commentId: latest.id } }, body: { text: "Slab poured, curing until Monday." } });
  return { taskId: task.id, commentId: latest.id, texts: comments.items.map((c) => c.text ?? "") };
}
