// The throwing style (`throwOnError: true`): a missing project becomes `null`, a refused one a message
// read from Endre's typed error body (`isEndreError`), anything else rethrows.
import { NotFoundError, isEndreError, type EndreClient, type components } from "../src/index.js";

type Project = components["schemas"]["Project"];

/** A project id kept from an earlier run, e.g. in your own database. */
const projectId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

export default async function (endre: EndreClient<true>): Promise<Project | string | null> {
  try {
    const { data } = await endre.GET("/v1/projects/{project_id}", { params: { path: { project_id: projectId } } });
    return data;
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    if (isEndreError(err) && err.status === 403 && err.body) {
      return `no access: ${"text" in err.body ? err.body.text : JSON.stringify(err.body.detail)}`;
    }
    throw err;
  }
}
