// throwOnError + try/catch: a contact that is gone is `undefined`, anything else is rethrown.
// Blikk answers a missing entity with 400 (documented) and an unknown URL with 404.
import { BadRequestError, NotFoundError, type BlikkClient } from "../src/index.js";

export default async function (blikk: BlikkClient<true>, id: number): Promise<{ name: string | null } | undefined> {
  try {
    const { data } = await blikk.GET("/v1/Core/Contacts/{id}", { params: { path: { id } } });
    return { name: data.name ?? null };
  } catch (err) {
    // `err.status`, `err.operation` ("GET /v1/Core/Contacts/{id}") and `err.message` never hold credentials.
    if (err instanceof NotFoundError || err instanceof BadRequestError) return undefined;
    throw err;
  }
}
