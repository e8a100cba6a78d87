// The `{ data, error }` style: check `error` first, then `data` is the typed project. `error` is the
// vendor's `{ type, message, id }` body, or `{ status, statusText, text }` when the body is not JSON.
import type { SimploClient } from "../src/index.js";

export default async function (simplo: SimploClient): Promise<string> {
  const { data, error, response } = await simplo.GET("/api/v0/projects/{project_id}", { params: { path: { project_id: 1 } } });
  if (error) return `failed with ${response.status}: ${("text" in error ? error.text : error.message) ?? "no message"}`;
  return data.name;
}
