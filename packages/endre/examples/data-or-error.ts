// The `{ data, error }` style: check `error` first, then `data` is the typed list.
// Endre answers 404 when the user has no projects, which here is just an empty result. `error` is
// FastAPI's `{ detail }` body, or `{ status, statusText, text }` when the body is not JSON.
import type { EndreClient } from "../src/index.js";

export default async function (endre: EndreClient): Promise<string[]> {
  const { data, error, response } = await endre.GET("/v1/projects");
  if (error) {
    if (response.status === 404) return [];
    throw new Error(`GET /v1/projects failed with ${response.status}: ${"text" in error ? error.text : JSON.stringify(error.detail)}`);
  }
  return data.map((p) => p.Name);
}
