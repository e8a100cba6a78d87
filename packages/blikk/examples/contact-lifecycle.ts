// Create → update → delete with the id the create call returned (201 with the new contact).
import type { BlikkClient, components } from "../src/index.js";

type ContactInput = components["schemas"]["ContactInput"];

export default async function (blikk: BlikkClient<true>): Promise<{ id: number; updated: number; deleted: number }> {
  const input: ContactInput = { name: "Lotta Larsson", contactType: "person", responsibleId: 15, email: "lotta@familjenlarsson.se", tagIds: [10, 16] };
  const { data: created } = await blikk.POST("/v1/Core/Contacts", { body: input });
  const path = { params: { path: { id: created.id } } };
  // Update takes the whole contact again; only `phoneNumber` changes here.
  const updated = await blikk.PUT("/v1/Core/Contacts/{id}", { ...path, body: { ...input, phoneNumber: "075-9902281" } });
  const deleted = await blikk.DELETE("/v1/Core/Contacts/{id}", path);
  return { id: created.id, updated: updated.response.status, deleted: deleted.response.status };
}
