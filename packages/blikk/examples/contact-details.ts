// List → detail: list items are slimmer than details (a `contact.list` item has no `email`),
// so look each listed contact up by its id to get the email address.
import type { BlikkClient } from "../src/index.js";

export default async function (blikk: BlikkClient<true>): Promise<{ id: number; name: string; email: string | null }[]> {
  const { data: page } = await blikk.GET("/v1/Core/Contacts", { params: { query: { page: 1, pageSize: 10, sortBy: "name" } } });
  const contacts = [];
  for (const listed of page.items) {
    const { data: contact } = await blikk.GET("/v1/Core/Contacts/{id}", { params: { path: { id: listed.id } } });
    contacts.push({ id: listed.id, name: contact.name ?? "(no name)", email: contact.email ?? null });
  }
  return contacts;
}
