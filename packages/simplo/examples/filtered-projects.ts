// A base64 JSON filter (typed by `SimploProjectsFilter`), a sort field and embeds on the projects index.
import { base64JsonParam, type SimploClient, type SimploProjectsFilter } from "../src/index.js";

export default async function (simplo: SimploClient<true>): Promise<{ name: string; clientId: number | null }[]> {
  const filter = base64JsonParam<SimploProjectsFilter>({ active: { eq: true }, client_id: { in: [2, 3] } });
  const { data } = await simplo.GET("/api/v0/projects", {
    params: { query: { filter, sort: "name", order: "asc", embed: ["client"] } },
  });
  return data.items.filter((p) => p.billable).map((p) => ({ name: p.name, clientId: p.client_id }));
}
