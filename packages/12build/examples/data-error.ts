// `{ data, error }`: on any non-2xx answer `error` is set, so `if (error)` narrows `data` to the success body.
import type { TwelveBuildClient } from "../src/index.js";

export default async function (client: TwelveBuildClient, projectId: string): Promise<string> {
  const { data, error, response } = await client.GET("/project/{projectId}", { params: { path: { projectId } } });
  if (error) return `failed with ${response.status}`;
  return data.name;
}
