// Runs every usage flow in ../examples against a Prism mock of the bundled spec and checks what it returns.
import { fileURLToPath } from "node:url";
import { preferStatus, prismForFile, recordCalls } from "@specyard/contract-harness";
import { describe, expect, it } from "vitest";
import activeReportNames from "../examples/active-report-names.js";
import dataOrError from "../examples/data-or-error.js";
import downloadPdf from "../examples/download-pdf.js";
import filteredProjects from "../examples/filtered-projects.js";
import invoiceTotalsByPage from "../examples/invoice-totals-by-page.js";
import listThenDetail from "../examples/list-then-detail.js";
import notFoundOrNull from "../examples/not-found-or-null.js";
import publicViewThenApprove from "../examples/public-view-then-approve.js";
import updateThenDelete from "../examples/update-then-delete.js";
import { createSimploClient } from "../src/index.js";

const specFile = fileURLToPath(new URL("../openapi.json", import.meta.url));
const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTE3In0.c2lnbmF0dXJl";
const prismUrl = prismForFile(specFile);

const client = () => createSimploClient({ baseUrl: prismUrl(), token });
const throwing = () => createSimploClient({ baseUrl: prismUrl(), token, throwOnError: true });
describe("Simplo IS usage examples against Prism", () => {
  it("list-then-detail: the first listed project, fetched by its id", async () => {
    const simplo = client();
    const calls: string[] = [];
    simplo.use(recordCalls(calls));
    expect(await listThenDetail(simplo)).toMatchObject({ id: 1, name: "kaitrade.cz / grafické práce", client_id: 2 });
    expect(calls).toEqual(["GET /api/v0/projects", "GET /api/v0/projects/1?embed=client"]);
  });

  it("active-report-names: paginate follows _meta and yields reports once (Prism repeats page 1: pages 2-5 go out together, the repeat ends the read)", async () => {
    const simplo = client();
    const calls: string[] = [];
    simplo.use(recordCalls(calls));
    expect(await activeReportNames(simplo)).toEqual(["11 01 Initiation"]);
    // Page 1 tells total_pages: 5, so up to 4 later pages are in flight at once (paginate's default concurrency).
    expect([...calls].sort()).toEqual([1, 2, 3, 4, 5].map((page) => `GET /api/v0/reports?per_page=50&sort=created_at&order=desc&page=${page}`));
  });

  it("invoice-totals-by-page: .pages() yields the reports page by page", async () => {
    expect(await invoiceTotalsByPage(client())).toEqual([9500]);
  });

  it("filtered-projects: sends the base64 JSON filter and maps the typed items", async () => {
    const simplo = throwing();
    const calls: string[] = [];
    simplo.use(recordCalls(calls));
    expect(await filteredProjects(simplo)).toEqual([
      { name: "kaitrade.cz / grafické práce", clientId: 2 },
      { name: "athletebox.cz / právní dokumenty", clientId: 3 },
    ]);
    const filter = new URL(`http://x${calls[0]?.split(" ")[1] ?? ""}`).searchParams.get("filter") ?? "";
    expect(JSON.parse(Buffer.from(filter, "base64").toString("utf8"))).toEqual({ active: { eq: true }, client_id: { in: [2, 3] } });
  });

  it("update-then-delete: PATCH, PUT and DELETE go to the listed and returned id", async () => {
    const simplo = throwing();
    const calls: string[] = [];
    simplo.use(recordCalls(calls));
    const { sent, invoiced, deleteStatus } = await updateThenDelete(simplo);
    expect(sent).toMatchObject({ id: 11, state: 2 });
    expect(invoiced.id).toBe(11);
    expect(deleteStatus).toBe(204);
    expect(calls).toEqual(["GET /api/v0/reports?per_page=1", "PATCH /api/v0/reports/11", "PUT /api/v0/reports/11", "DELETE /api/v0/reports/11"]);
  });

  it("download-pdf: PDF bytes, fetched with the report's own hash", async () => {
    const simplo = throwing();
    const calls: string[] = [];
    simplo.use(recordCalls(calls));
    const pdf = await downloadPdf(simplo);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe("%PDF-");
    expect(calls[1]).toBe("GET /api/v0/reports/11/download-pdf?hash=heXH149oREPbrv0KJeqrQF9eABosyDYP3LIPuigJP90uezEGHVvJFpLoKQkdIfJS");
  });

  it("public-view-then-approve: the approval answers the approved report", async () => {
    expect(await publicViewThenApprove(throwing())).toEqual({ tasks: 0, approvedAt: "2023-02-03T09:12:45+0100" });
  });

  it("data-or-error: the name on 200, the status and the vendor's message on 404", async () => {
    expect(await dataOrError(client())).toBe("kaitrade.cz / grafické práce");
    const missing = client();
    missing.use(preferStatus(404));
    expect(await dataOrError(missing)).toBe("failed with 404: Required model was not found.");
  });

  it("not-found-or-null: the report, null on 404, the typed body's message on 401, a rethrown error otherwise", async () => {
    expect(await notFoundOrNull(throwing())).toMatchObject({ id: 11, name: "01 Initiation" });
    const missing = throwing();
    missing.use(preferStatus(404));
    expect(await notFoundOrNull(missing)).toBeNull();
    const denied = throwing();
    denied.use(preferStatus(401));
    expect(await notFoundOrNull(denied)).toBe("log in again: User is not logged-in.");
    // Nothing listens on port 1: a ConnectionError, which the example rethrows.
    const offline = createSimploClient({ baseUrl: "http://127.0.0.1:1", token, throwOnError: true, retry: false });
    await expect(notFoundOrNull(offline)).rejects.toMatchObject({ name: "ConnectionError", operation: "GET /api/v0/reports/{report_id}" });
  });
});
