// `{ data, error }` style: no throwing; `if (error)` narrows, so `data` is the page after it.
import type { BlikkClient } from "../src/index.js";

export default async function (blikk: BlikkClient, pageSize: number): Promise<{ ok: true; users: number } | { ok: false; status: number; message: string }> {
  const { data, error, response } = await blikk.GET("/v1/Admin/Users", { params: { query: { page: 1, pageSize } } });
  if (error) {
    // 400/401/403/500 bodies carry `message`, a 429 `waitInSeconds`; a 404/502/503 has no body, and
    // `error` is then `{ status, statusText, text }` (a RawErrorBody), never undefined.
    const message = "message" in error && typeof error.message === "string" ? error.message : "statusText" in error ? error.statusText : "";
    return { ok: false, status: response.status, message };
  }
  return { ok: true, users: data.items.length };
}
