// Everything about the first case of the first project at once: its cost items, tags and invoices, fetched in parallel.
import type { EndreClient } from "../src/index.js";

export interface CaseSummary {
  caseNumber: string;
  costSum: number;
  tags: string[];
  invoiced: number;
}

export default async function (endre: EndreClient<true>): Promise<CaseSummary | undefined> {
  const { data: projects } = await endre.GET("/v1/projects");
  const projectId = projects[0]?.Id;
  if (!projectId) return undefined;
  const { data: cases } = await endre.GET("/v1/projects/{project_id}/cases", { params: { path: { project_id: projectId } } });
  const first = cases[0];
  if (!first) return undefined;
  const path = { project_id: projectId, case_id: first.Id };
  const [costItems, tags, invoices] = await Promise.all([
    endre.GET("/v1/projects/{project_id}/cases/{case_id}/cost-items", { params: { path } }),
    endre.GET("/v1/projects/{project_id}/cases/{case_id}/tags", { params: { path } }),
    endre.GET("/v1/projects/{project_id}/cases/{case_id}/invoices", { params: { path } }),
  ]);
  return {
    caseNumber: first.CaseNumber,
    costSum: costItems.data.reduce((sum, item) => sum + item.Sum, 0),
    tags: tags.data.map((t) => t.Text),
    // Invoice amounts are strings, as documented.
    invoiced: invoices.data.reduce((sum, invoice) => sum + Number(invoice.Amount), 0),
  };
}
