// Paginate → map/filter: read every page of active projects, keep those in the calculation phase, map to their names.
import type { TwelveBuildClient } from "../src/index.js";

export default async function (client: TwelveBuildClient): Promise<string[]> {
  const projects = await client.paginate("/project/list", { params: { query: { pageSize: 100, active: 1 } } }, { maxItems: 500 }).toArray();
  return projects.filter((p) => p.active && p.phaseName === "Calculatie").map((p) => `${p.calcNumber}: ${p.name}`);
}
