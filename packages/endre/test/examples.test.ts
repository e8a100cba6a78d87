// Runs every usage flow in ../examples against a Prism mock of the bundled spec and checks what it returns.
import { fileURLToPath } from "node:url";
import { preferStatus, prismForFile, recordCalls } from "@specyard/contract-harness";
import { describe, expect, it } from "vitest";
import caseSummary from "../examples/case-summary.js";
import changeOrderTotals from "../examples/change-order-totals.js";
import createThenUpdate from "../examples/create-then-update.js";
import dataOrError from "../examples/data-or-error.js";
import listThenDetail from "../examples/list-then-detail.js";
import notFoundOrNull from "../examples/not-found-or-null.js";
import openCases from "../examples/open-cases.js";
import projectOrganizations from "../examples/project-organizations.js";
import { createEndreClient } from "../src/index.js";

const specFile = fileURLToPath(new URL("../openapi.json", import.meta.url));
const credentials = { username: "jane@contractor.example", password: "s3cret-Passw0rd!" };
const prismUrl = prismForFile(specFile);

const client = () => createEndreClient({ ...credentials, baseUrl: prismUrl() });
const throwing = () => createEndreClient({ ...credentials, baseUrl: prismUrl(), throwOnError: true });
describe("Endre usage examples against Prism", () => {
  it("list-then-detail: the detail of the first listed project", async () => {
    const project = await listThenDetail(client());
    expect(project).toMatchObject({ Id: "3fa85f64-5717-4562-b3fc-2c963f66afa6", ProjectName: "Harbour Offices", ProjectNumber: "P-1001" });
  });

  it("open-cases: titles of the non-archived cases of the unfinished projects only", async () => {
    expect(await openCases(client())).toEqual(["P-1001 CO-014: Extra fire doors on level 3"]);
  });

  it("create-then-update: the update goes to the id the create returned", async () => {
    const endre = throwing();
    const calls: string[] = [];
    endre.use(recordCalls(calls));
    const { created, updated } = await createThenUpdate(endre);
    expect(created.Id).toBe("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    expect(updated.Id).toBe(created.Id);
    expect(calls).toEqual([
      "GET /v1/organizations",
      "POST /v1/projects?project_name=Harbour Offices&organization_id=5b0d7c3e-1f2a-4b6c-8d9e-0a1b2c3d4e5f&project_number=P-1001",
      `PATCH /v1/projects?project_id=${created.Id}`,
    ]);
  });

  it("project-organizations: role from the project organization, name from the organization", async () => {
    expect(await projectOrganizations(throwing())).toEqual([
      { role: "Contractor", name: "Nordbygg AS" },
      { role: "Contractor", name: "Nordbygg AS" },
    ]);
  });

  it("change-order-totals: sums the monthly amounts", async () => {
    expect(await changeOrderTotals(throwing())).toEqual({ months: 2, total: 434500.5, accepted: 300000 });
  });

  it("case-summary: cost items, tags and invoices of one case", async () => {
    expect(await caseSummary(throwing())).toEqual({ caseNumber: "CO-014", costSum: 169400, tags: ["Fire safety", "Level 3"], invoiced: 120000 });
  });

  it("data-or-error: names on 200, [] on the documented 404, an error naming the status otherwise", async () => {
    expect(await dataOrError(client())).toEqual(["P-1001 - Harbour Offices", "P-0987 - School Extension"]);
    const empty = client();
    empty.use(preferStatus(404, "/token"));
    expect(await dataOrError(empty)).toEqual([]);
    const denied = client();
    denied.use(preferStatus(401, "/token"));
    await expect(dataOrError(denied)).rejects.toThrow(/failed with 401: "Not authenticated"/);
  });

  it("not-found-or-null: the project, null on 404, the typed body's detail on 403", async () => {
    expect(await notFoundOrNull(throwing())).toMatchObject({ Id: "3fa85f64-5717-4562-b3fc-2c963f66afa6" });
    const missing = throwing();
    missing.use(preferStatus(404, "/token"));
    expect(await notFoundOrNull(missing)).toBeNull();
    const forbidden = throwing();
    forbidden.use(preferStatus(403, "/token"));
    expect(await notFoundOrNull(forbidden)).toBe('no access: "User does not have access to this project"');
    const failing = throwing();
    failing.use(preferStatus(422, "/token"));
    await expect(notFoundOrNull(failing)).rejects.toMatchObject({ status: 422, message: expect.stringContaining("path.project_id: Input should be a valid UUID") });
  });
});
