// With `throwOnError: true` a call resolves only on success; failures are typed errors to narrow with `instanceof`
// (or `is12BuildError` for any API error, its body typed as 12Build's error bodies).
import { NotFoundError, UnprocessableEntityError, is12BuildError, type TwelveBuildClient } from "../src/index.js";

export default async function (client: TwelveBuildClient<true>, projectId: string | number): Promise<string> {
  try {
    const { data } = await client.GET("/project/{projectId}", { params: { path: { projectId } } });
    return `found ${data.name}`;
  } catch (err) {
    if (err instanceof NotFoundError) return `no project ${projectId}`;
    if (err instanceof UnprocessableEntityError) return `rejected: ${err.operation} answered ${err.status}`;
    if (is12BuildError(err)) return `failed: ${err.status}`;
    throw err;
  }
}
