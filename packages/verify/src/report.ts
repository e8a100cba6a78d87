import type { OperationResult } from "./crawl.js";

export interface Report {
  vendor: string;
  specVersion: string;
  startedAt: string;
  operations: OperationResult[];
  /** The number of violations over all operations. */
  drift: number;
}

/** The short terminal table: one row per operation, then one line per violation (location and message: types, never values). */
export function table(report: Report): string {
  const rows = report.operations.map((o) => [
    o.operationId,
    o.reached ? String(o.status) : "–",
    o.reached ? (o.violations.length ? `${o.violations.length} violation(s)` : "ok") : `not reached: ${o.reason}`,
    o.assumed ? "assumed" : "",
  ]);
  const head = ["operation", "status", "result", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const reached = report.operations.filter((o) => o.reached).length;
  return [
    line(head),
    ...report.operations.flatMap((o, i) => [line(rows[i]!), ...o.violations.map((v) => `    ${v.where}: ${v.message}`)]),
    "",
    `${report.vendor} ${report.specVersion}: ${reached}/${report.operations.length} operations reached, drift ${report.drift}`,
  ].join("\n");
}
