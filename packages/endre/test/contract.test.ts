import { fileURLToPath } from "node:url";
import { contractSuite, mockContractSuite, expectNoSecrets, type ContractCase } from "@specyard/contract-harness";
import { describe, expect, it } from "vitest";
import { responses } from "../src/validate.js";
import { ENDRE_BASE_URL, UnprocessableEntityError, createEndreClient, type EndreClient, type operations } from "../src/index.js";
import { handlers } from "../src/mock.js";

const specFile = fileURLToPath(new URL("../openapi.json", import.meta.url));
const credentials = { username: "jane@contractor.example", password: "s3cret-Passw0rd!" };
const project_id = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const case_id = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
const inCase = { params: { path: { project_id, case_id } } };

// One typed call per operation. `Record<keyof operations, …>` makes a missing case a type error too.
const cases: Record<keyof operations, ContractCase<EndreClient>> = {
  getAccessToken: (c) =>
    c.POST("/token", {
      body: { grant_type: "password", username: credentials.username, password: credentials.password },
      bodySerializer: (b) => new URLSearchParams(b as Record<string, string>),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
  listProjects: (c) => c.GET("/v1/projects"),
  createProject: (c) =>
    c.POST("/v1/projects", {
      params: { query: { project_name: "Harbour Offices", organization_id: "5b0d7c3e-1f2a-4b6c-8d9e-0a1b2c3d4e5f", project_number: "P-1001" } },
    }),
  updateProject: (c) => c.PATCH("/v1/projects", { params: { query: { project_id } }, body: { is_finished: true } }),
  getProject: (c) => c.GET("/v1/projects/{project_id}", { params: { path: { project_id } } }),
  listProjectOrganizations: (c) => c.GET("/v1/projects/{project_id}/organizations", { params: { path: { project_id } } }),
  getProjectOrganization: (c) =>
    c.GET("/v1/projects/{project_id}/organizations/{project_organization_id}", {
      params: { path: { project_id, project_organization_id: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d" } },
    }),
  listProjectCases: (c) => c.GET("/v1/projects/{project_id}/cases", { params: { path: { project_id } } }),
  listProjectAmounts: (c) =>
    c.GET("/v1/projects/{project_id}/amounts", {
      params: { path: { project_id }, query: { start_date: "2026-01-01", end_date: "2026-06-30", case_types: [1, 3, 7] } },
    }),
  listCaseCostItems: (c) => c.GET("/v1/projects/{project_id}/cases/{case_id}/cost-items", inCase),
  listCaseTags: (c) => c.GET("/v1/projects/{project_id}/cases/{case_id}/tags", inCase),
  listCaseProductionCodes: (c) => c.GET("/v1/projects/{project_id}/cases/{case_id}/prod-codes", inCase),
  listCaseInvoices: (c) => c.GET("/v1/projects/{project_id}/cases/{case_id}/invoices", inCase),
  listCaseExternalReferences: (c) => c.GET("/v1/projects/{project_id}/cases/{case_id}/external-references", inCase),
  listCaseRelations: (c) => c.GET("/v1/projects/{project_id}/cases/{case_id}/relations", inCase),
  listOrganizations: (c) => c.GET("/v1/organizations"),
  getOrganization: (c) =>
    c.GET("/v1/organizations/{organization_id}", { params: { path: { organization_id: "5b0d7c3e-1f2a-4b6c-8d9e-0a1b2c3d4e5f" } } }),
};

const suite = contractSuite({
  vendor: "Endre",
  specFile,
  responses,
  client: (baseUrl) => createEndreClient({ ...credentials, baseUrl }),
  cases,
});

// The same cases against the package's MSW handlers (`./mock`): each answer must match Prism's.
mockContractSuite(suite, {
  handlers,
  baseUrl: ENDRE_BASE_URL,
  client: (baseUrl) => createEndreClient({ ...credentials, baseUrl }),
  cases,
  refusals: {
    "no bearer token → 401": { operationId: "listProjects", send: (b) => fetch(`${b}/v1/projects`) },
    "project_id not a UUID → 422": { operationId: "getProject", send: (b) => fetch(`${b}/v1/projects/not-a-uuid`, { headers: { Authorization: "Bearer t" } }) },
    "token request without a body → 422": { operationId: "getAccessToken", send: (b) => fetch(`${b}/token`, { method: "POST" }) },
  },
});

describe("Endre: requests the spec refuses", () => {
  it("a request without the bearer token is refused with 401", async () => {
    const { data, response } = await suite.client().withOptions({ anonymous: true }).GET("/v1/projects");
    expect(response.status).toBe(401);
    expect(data).toBeUndefined();
  });

  it("a project_id that is not a UUID is refused (422) and surfaces as an error naming the operation", async () => {
    const client = createEndreClient({ ...credentials, baseUrl: suite.baseUrl(), throwOnError: true });
    const err = await client.GET("/v1/projects/{project_id}", { params: { path: { project_id: "not-a-uuid" } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnprocessableEntityError);
    const e = err as UnprocessableEntityError;
    expect(e.status).toBe(422);
    expect(e.operation).toBe("GET /v1/projects/{project_id}");
    expect(e.message).toContain("GET /v1/projects/{project_id} failed with status 422");
    await suite.assertConforms("getProject", { error: e.body, response: new Response(JSON.stringify(e.body), { status: 422, headers: { "content-type": "application/json" } }) });
    expectNoSecrets(e, [credentials.password]);
  });

  it("an invalid start_date is refused with 422 in { data, error } style", async () => {
    const client = createEndreClient({ ...credentials, baseUrl: suite.baseUrl() });
    const { data, error, response } = await client.GET("/v1/projects/{project_id}/amounts", {
      params: { path: { project_id }, query: { start_date: "31.12.2026" } },
    });
    expect(response.status).toBe(422);
    expect(data).toBeUndefined();
    expect(error).toBeDefined();
    await suite.assertConforms("listProjectAmounts", { error, response });
  });
});
