// Budget rows: list a budget's rows, then delete them all in one call (`budgetRowIds` goes out as PHP's budgetRowIds[0]=…&budgetRowIds[1]=…).
import type { TwelveBuildClient } from "../src/index.js";

export default async function (client: TwelveBuildClient, budgetId: string): Promise<string[]> {
  const { data: rows } = await client.GET("/budgetrow/{id}", { params: { path: { id: budgetId } } });
  if (!rows) return [];
  const names = rows.data.map((row) => row.properties.name?.value ?? "");
  const { error } = await client.DELETE("/budgetrows", { params: { query: { budgetRowIds: rows.data.map((row) => row.budgetRowId) } } });
  if (error) return [];
  return names;
}
