// throwOnError + try/catch: the contact, or why it is missing; anything else is rethrown.
// Blikk answers a missing entity with 400 and a `message` (documented), an unknown URL with 404.
import { NotFoundError, isBlikkError, type BlikkClient } from "../src/index.js";

export default async function (blikk: BlikkClient<true>, id: number): Promise<{ name: string | null } | { missing: string }> {
  try {
    const { data } = await blikk.GET("/v1/Core/Contacts/{id}", { params: { path: { id } } });
    return { name: data.name ?? null };
  } catch (err) {
    // `err.status`, `err.operation` ("GET /v1/Core/Contacts/{id}") and `err.message` never hold credentials.
    if (err instanceof NotFoundError) return { missing: `${err.operation} answered ${err.status}` };
    // `isBlikkError` types `err.body` as one of Blikk's error bodies (`instanceof` leaves it `unknown`).
    if (isBlikkError(err) && err.status === 400) return { missing: err.body && "message" in err.body && err.body.message ? err.body.message : err.message };
    throw err;
  }
}
