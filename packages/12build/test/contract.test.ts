import { fileURLToPath } from "node:url";
import { contractSuite, declaredQueryForm, loadSpec, mockContractSuite, expectNoSecrets, freePort, json, startFaultServer, type ContractCase, type FaultServer } from "@specyard/contract-harness";
import { afterEach, describe, expect, it } from "vitest";
import { responses } from "../src/validate.js";
import {
  AuthenticationError,
  ConnectionError,
  ServerError,
  UnprocessableEntityError,
  create12BuildClient,
  formDataBody,
  type TwelveBuildClient,
  type TwelveBuildClientOptions,
  type components,
  type operations,
  TWELVE_BUILD_BASE_URL,
} from "../src/index.js";
import { handlers } from "../src/mock.js";

const specFile = fileURLToPath(new URL("../openapi.json", import.meta.url));
const credentials = { login: "api-user@bouwbedrijf-jansen.nl", apiKey: "9f2c4e7a1b8d3f6e0a5c2d9b7e4f1a3c" };

const projectId = "1234567";
const phaseId = "123456";
const documentGroupId = "7654321";
const companyId = "2345678";
const budgetRowId = "88";
const pdf = () => new Blob(["%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"], { type: "application/pdf" });
const rowProperties = { name: "Metselwerk gevel", unit: "m2", numberOfUnits: "120", pricePerUnit: "45.50" };

// One typed call per operation. `Record<keyof operations, …>` makes a missing case a type error too.
const cases: Record<keyof operations, ContractCase<TwelveBuildClient>> = {
  getToken: (c) => c.GET("/tokens", { params: { query: { ...credentials, forceNew: "1" } } }),
  addProject: (c) =>
    c.POST("/project", {
      params: {
        query: {
          name: "Nieuwbouw 24 woningen Rijssen",
          product: "tender",
          phase: "Calculatie",
          classificationSystems: ["stabu"],
          calcNumber: "cal-2026-014",
          city: "Rijssen",
          countryCode: "nl",
          constructor: "Ingenieursbureau Wassink",
          deadlineDate: "1767222000",
          reason: "aanbesteding",
          questionsTime: "14",
          buildingSectors: "Bouw,Woningbouw",
          buildingFunctions: "Woon",
        },
      },
    }),
  listProjects: (c) => c.GET("/project/list", { params: { query: { active: "1", product: "tender", pageSize: 50, page: 1 } } }),
  listProjectsByType: (c) => c.GET("/project/list/{type}", { params: { path: { type: "template" }, query: { active: "1" } } }),
  searchExternalData: (c) =>
    c.GET("/project/{projectId}/document/searchExternalData", { params: { path: { projectId }, query: { externalData: "KEY_990099" } } }),
  listDocument: (c) =>
    c.GET("/project/{projectId}/document/list", { params: { path: { projectId }, query: { product: "tender", phaseName: "Calculatie" } } }),
  listCommunication: (c) =>
    c.GET("/project/{projectId}/communication/{phaseId}/list", {
      params: { path: { projectId, phaseId }, query: { product: "tender", syncChecked: "0" } },
    }),
  getCommunication: (c) =>
    c.GET("/project/{projectId}/communication/{communicationId}", { params: { path: { projectId, communicationId: "998877" } } }),
  getProject: (c) => c.GET("/project/{projectId}", { params: { path: { projectId }, query: { userActivity: "1" } } }),
  createDocument: (c) =>
    c.POST("/project/{projectId}", {
      params: { path: { projectId }, query: { product: "tender", phase: "Calculatie", issueDate: "1767222000", author: "J. Jansen" } },
      body: { file_contents: pdf() },
      bodySerializer: formDataBody,
    }),
  updateProject: (c) =>
    c.PUT("/project/{projectId}", {
      params: { path: { projectId }, query: { status: "scored", phase: "Inkoop", classificationSystems: ["stabu", "nlsfb"], updateTime: "9" } },
    }),
  removeProject: (c) => c.DELETE("/project/{projectId}", { params: { path: { projectId } } }),
  getDocument: (c) => c.GET("/document/{id}", { params: { path: { id: "6448805" } } }),
  removeDocument: (c) => c.DELETE("/document/{id}", { params: { path: { id: "6448805" } } }),
  setDocument: (c) =>
    c.PUT("/document/{id}", { params: { path: { id: "6448805" }, query: { name: "Bestek rev B.pdf", versionText: "B", externalData: "KEY_990099" } } }),
  listDocumentGroups: (c) => c.GET("/project/{projectId}/document/group", { params: { path: { projectId } } }),
  createDocumentGroup: (c) =>
    c.POST("/project/{projectId}/document/group", { params: { path: { projectId }, query: { name: "Tekeningen", order: "2" } } }),
  listPhases: (c) => c.GET("/project/phases/"),
  listProjectPhases: (c) => c.GET("/project/{projectId}/phases", { params: { path: { projectId } } }),
  closeProject: (c) => c.POST("/project/{projectId}/close", { params: { path: { projectId } } }),
  openProject: (c) => c.POST("/project/{projectId}/open", { params: { path: { projectId } } }),
  closeProjectPhase: (c) =>
    c.POST("/project/{projectId}/projectphase/close", {
      params: { path: { projectId }, query: { phase: ["Calculatie", "Inkoop"], phaseId: [phaseId, "123457"] } },
    }),
  openProjectPhase: (c) =>
    c.POST("/project/{projectId}/projectphase/open", { params: { path: { projectId }, query: { phase: ["Uitvoering"] } } }),
  getDocumentGroup: (c) => c.GET("/document/group/{documentGroupId}", { params: { path: { documentGroupId } } }),
  updateDocumentGroup: (c) =>
    c.PUT("/document/group/{documentGroupId}", { params: { path: { documentGroupId }, query: { name: "Tekeningen (definitief)" } } }),
  deleteDocumentGroup: (c) => c.DELETE("/document/group/{documentGroupId}", { params: { path: { documentGroupId } } }),
  addDocumentToDocumentGroup: (c) =>
    c.POST("/documents/groups/{documentGroupId}/{phaseId}/{fileName}", {
      params: { path: { documentGroupId, phaseId, fileName: "plattegrond-bg.pdf" } },
      body: { file_contents: pdf() },
      bodySerializer: formDataBody,
    }),
  setExternalReference: (c) =>
    c.PUT("/document/{documentId}/externalreference", {
      params: { path: { documentId: "6448805" }, query: { type: "sharepoint", referenceId: "01ABCDEF23456789" } },
    }),
  getFile: (c) =>
    c.GET("/file/{documentType}/{documentId}", { params: { path: { documentType: "project", documentId: "6448805" } }, parseAs: "arrayBuffer" }),
  getMessagePdf: (c) => c.GET("/message/{messageId}/pdf", { params: { path: { messageId: "445566" } }, parseAs: "arrayBuffer" }),
  getRelations: (c) => c.GET("/relation/list", { params: { query: { relation: "gold green", pageSize: 25, page: 1 } } }),
  updateRelation: (c) => c.PUT("/relation", { params: { query: { companyId, relation: "green" } } }),
  addRelation: (c) => c.POST("/relation", { params: { query: { companyId, relation: "gold" } } }),
  removeRelation: (c) => c.DELETE("/relation", { params: { query: { companyId } } }),
  updateRelationData: (c) =>
    c.PUT("/relation/{companyId}", { params: { path: { companyId }, query: { key: "debiteurnummer", value: "D-20417", source: "ERP" } } }),
  addRelationData: (c) =>
    c.POST("/relation/{companyId}", {
      params: { path: { companyId }, query: { key: "debiteurnummer", value: "D-20417", showInProfile: "1", type: "text" } },
    }),
  removeRelationData: (c) => c.DELETE("/relation/{companyId}", { params: { path: { companyId }, query: { key: "debiteurnummer" } } }),
  listChapters: (c) => c.GET("/chapters/list/{classificationSystemId}", { params: { path: { classificationSystemId: "1" } } }),
  listCompanyClassificationSystems: (c) => c.GET("/classification-systems/list"),
  listAllClassificationSystems: (c) => c.GET("/classification-systems/list/all"),
  getSpecialist: (c) => c.GET("/specialist/{companyId}", { params: { path: { companyId } } }),
  createSpecialist: (c) =>
    c.POST("/specialist", { params: { query: { name: "Voegbedrijf De Vries", registrationNumber: "05888888", countryCode: "nl" } } }),
  addWorkComponent: (c) =>
    c.POST("/work-component", {
      params: { query: { product: "tender", projectId, name: "Betonwerk en metselwerk", stabuChapterIds: ["21", "22"] } },
    }),
  updateWorkComponent: (c) =>
    c.PUT("/work-component/{workComponentId}", {
      params: { path: { workComponentId: "31" }, query: { name: "Metselwerk", stabuChapterIds: ["22"], internalNote: "incl. voegwerk" } },
    }),
  deleteWorkComponent: (c) => c.DELETE("/work-component/{workComponentId}", { params: { path: { workComponentId: "31" } } }),
  addInvitation: (c) => c.POST("/invitation", { params: { query: { workComponentId: "31", phaseId, companyId, status: "calculating" } } }),
  getInvitation: (c) => c.GET("/invitation/{id}", { params: { path: { id: "5566" } } }),
  updateInvitation: (c) => c.PUT("/invitation/{id}", { params: { path: { id: "5566" }, query: { status: "offer" } } }),
  deleteInvitation: (c) => c.DELETE("/invitation/{id}", { params: { path: { id: "5566" } } }),
  getBudgetRowsForInvitation: (c) => c.GET("/invitation/{id}/budgetRows", { params: { path: { id: "5566" } } }),
  findCompanyByRegistrationNumber: (c) =>
    c.GET("/company/findByRegistrationNumber/{country}/{registrationNumber}", { params: { path: { country: "nl", registrationNumber: "05888888" } } }),
  listBudgetRows: (c) => c.GET("/budgetrow/{id}", { params: { path: { id: "12" }, query: { workCategoryId: "60" } } }),
  deleteBudgetRow: (c) => c.DELETE("/budgetrow/{id}", { params: { path: { id: budgetRowId } } }),
  updateBudgetRow: (c) => c.PUT("/budgetrow", { params: { query: { budgetRowId, properties: { numberOfUnits: "125" } } } }),
  addBudgetRow: (c) => c.POST("/budgetrow", { params: { query: { budgetId: "12", rowNumber: "3", properties: rowProperties, workCategoryId: "60" } } }),
  updateBudgetRows: (c) =>
    c.PUT("/budgetrows", {
      params: { query: { budgetRows: { 0: { id: budgetRowId, properties: { numberOfUnits: "125" } }, 1: { id: "89", properties: { unit: "m3" } } } } },
    }),
  addBudgetRows: (c) =>
    c.POST("/budgetrows", {
      params: { query: { budgetId: "12", budgetRows: { 0: { rowNumber: "4", properties: rowProperties } }, messageGroupId: "60" } },
    }),
  deleteBudgetRows: (c) => c.DELETE("/budgetrows", { params: { query: { budgetRowIds: [budgetRowId, "89"] } } }),
  getBudget: (c) => c.GET("/budget", { params: { query: { projectId, phaseId } } }),
  createBudget: (c) => c.POST("/budget", { params: { query: { projectId, phaseId } } }),
  linkBudgetRow: (c) => c.POST("/budgetrow/link", { params: { query: { budgetRowId, workCategoryId: "60" } } }),
  unlinkBudgetRow: (c) => c.POST("/budgetrow/unlink", { params: { query: { budgetRowId, messageGroupId: "60" } } }),
  getDocumentGroupWorkCategoryLinks: (c) => c.GET("/document/group/{documentGroupId}/links", { params: { path: { documentGroupId } } }),
  updateDocumentGroupWorkCategory: (c) =>
    c.PUT("/document/group/{documentGroupId}/links", { params: { path: { documentGroupId }, query: { workCategoryIds: ["43", "44"] } } }),
};

const suite = contractSuite({
  vendor: "12Build",
  specFile,
  responses,
  // Prism reads the declared `style: form` of the `x-specyard-query: php-indexed` arrays (the wire test below checks the indexed form).
  client: (baseUrl) => {
    const client = create12BuildClient({ ...credentials, baseUrl });
    client.use(declaredQueryForm(loadSpec(specFile)));
    return client;
  },
  cases,
});

// The same cases against the package's MSW handlers (`./mock`): each answer must match Prism's.
mockContractSuite(suite, {
  handlers,
  baseUrl: TWELVE_BUILD_BASE_URL,
  client: (baseUrl) => create12BuildClient({ ...credentials, baseUrl }),
  cases,
  refusals: {
    "no X-Auth-Token → 401": { operationId: "listProjects", send: (b) => fetch(`${b}/project/list`) },
    "page=0 → 422": { operationId: "listProjects", send: (b) => fetch(`${b}/project/list?page=0`, { headers: { "X-Auth-Token": "t" } }) },
  },
});

// ---------------------------------------------------------------------------------------------------
// Local fault servers (node:http) for the cases Prism cannot play.

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function fault(handler: Parameters<typeof startFaultServer>[0]): Promise<FaultServer> {
  const s = await startFaultServer(handler);
  servers.push(s);
  return s;
}

const TOKEN = "5756cbe60ac41227b718df64f0ae9b5f2c76607b3a889066339f7cfdd241dccf";
const inAnHour = () => String(Math.floor(Date.now() / 1000) + 3600);
const isTokenRequest = (url: string) => url.startsWith("/tokens?");
const fast = { retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } } satisfies Partial<TwelveBuildClientOptions>;

function lines() {
  const out: string[] = [];
  return { out, logger: { debug: (m: string) => out.push(m), warn: (m: string) => out.push(m) } };
}

describe("12Build: requests the spec refuses", () => {
  it("a request without X-Auth-Token is refused with 401", async () => {
    const { data, response } = await suite.client().withOptions({ anonymous: true }).GET("/project/list");
    expect(response.status).toBe(401);
    expect(data).toBeUndefined();
    const withToken = await suite.client().GET("/project/list");
    expect(withToken.response.status).toBe(200);
  });

  it("forceNew=2 on getToken violates ^(0|1)$ and is refused with 422", async () => {
    const q = new URLSearchParams({ ...credentials, forceNew: "2" });
    const res = await fetch(`${suite.baseUrl()}/tokens?${q}`);
    expect(res.status).toBe(422);
  });

  it("a projectId that is not numeric is refused (422) and surfaces as UnprocessableEntityError naming the operation", async () => {
    const client = create12BuildClient({ ...credentials, baseUrl: suite.baseUrl(), throwOnError: true });
    const err = await client.GET("/project/{projectId}", { params: { path: { projectId: "P-1234" } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnprocessableEntityError);
    const e = err as UnprocessableEntityError;
    expect(e.status).toBe(422);
    expect(e.operation).toBe("GET /project/{projectId}");
    expect(e.message).toContain("GET /project/{projectId} failed with status 422");
    await suite.assertConforms("getProject", { error: e.body, response: new Response(JSON.stringify(e.body ?? null), { status: 422, headers: { "content-type": "application/json" } }) });
    expectNoSecrets(e, [credentials.apiKey]);
  });

  it("names follow the doc's Unicode pattern (l.27): letters, digits, punctuation of any script pass, a currency sign does not", async () => {
    const client = create12BuildClient({ ...credentials, baseUrl: suite.baseUrl() });
    const add = (name: string, countryCode: string) => client.POST("/project", { params: { query: { name, countryCode } } });
    expect((await add("Renovatie Café Zürich – fase 2", "NL")).response.status).toBe(200);
    expect((await add("Stelpost € 5000", "nl")).response.status).toBe(422);
    expect((await add("Nieuwbouw", "n1")).response.status).toBe(422);
  });

  it("a relation outside the enum is refused with 422 in { data, error } style", async () => {
    const client = create12BuildClient({ ...credentials, baseUrl: suite.baseUrl() });
    const { data, response } = await client.GET("/relation/list", { params: { query: { relation: "gold purple" } } });
    expect(response.status).toBe(422);
    expect(data).toBeUndefined();
  });

  it("comma-separated arrays are refused when an item breaks the enum (proves Prism parses phase=a,b)", async () => {
    const ok = await fetch(`${suite.baseUrl()}/project/${projectId}/projectphase/close?phase=Calculatie,Inkoop`, { method: "POST", headers: { "X-Auth-Token": TOKEN } });
    expect(ok.status).toBe(200);
    const bad = await fetch(`${suite.baseUrl()}/project/${projectId}/projectphase/close?phase=Calculatie,Sloop`, { method: "POST", headers: { "X-Auth-Token": TOKEN } });
    expect(bad.status).toBe(422);
  });
});

describe("12Build: files", () => {
  it("getFile and getMessagePdf return the bytes, in a media type the spec declares", async () => {
    const client = suite.client();
    const file = await client.GET("/file/{documentType}/{documentId}", {
      params: { path: { documentType: "attachment", documentId: "6448805" } },
      parseAs: "arrayBuffer",
    });
    expect(file.response.status).toBe(200);
    expect(file.data).toBeInstanceOf(ArrayBuffer);
    expect(file.data?.byteLength).toBeGreaterThan(0);
    await suite.assertConforms("getFile", file);

    const pdfRes = await client.GET("/message/{messageId}/pdf", { params: { path: { messageId: "445566" } }, parseAs: "arrayBuffer" });
    expect(pdfRes.response.status).toBe(200);
    expect(pdfRes.data?.byteLength).toBeGreaterThan(0);
    await suite.assertConforms("getMessagePdf", pdfRes);
  });

  it("a download answers with the stored file's own media type (image/png): bytes, and the spec accepts it", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const s = await fault((req, res) => {
      if (isTokenRequest(req.url)) return json(res, 200, { token: TOKEN, expireDate: inAnHour() });
      res.writeHead(200, { "content-type": "image/png" }).end(png);
    });
    const client = create12BuildClient({ ...credentials, baseUrl: s.baseUrl });
    const file = await client.GET("/file/{documentType}/{documentId}", {
      params: { path: { documentType: "attachment", documentId: "6448805" } },
      parseAs: "arrayBuffer",
    });
    expect(file.response.headers.get("content-type")).toBe("image/png");
    expect(file.data && new Uint8Array(file.data)).toEqual(png);
    await suite.assertConforms("getFile", file);
    // assertConforms does not check the media type itself: the spec must declare one that covers image/png
    for (const id of ["getFile", "getMessagePdf"]) {
      const op = suite.operations.find((o) => o.operationId === id);
      expect(op && suite.validator.responseSchema(op, 200, "image/png").media).toBe("*/*");
    }
    const message = await client.GET("/message/{messageId}/pdf", { params: { path: { messageId: "445566" } }, parseAs: "arrayBuffer" });
    await suite.assertConforms("getMessagePdf", message);
  });

  it("uploads answer 200 from Prism; addDocumentToDocumentGroup's assumed body is optional", async () => {
    const client = suite.client();
    const created = await client.POST("/project/{projectId}", {
      params: { path: { projectId }, query: { phase: "Uitvoering" } },
      body: { file_contents: pdf() },
      bodySerializer: formDataBody,
    });
    expect(created.response.status).toBe(200);
    expect(created.data).toMatchObject({ id: expect.anything(), name: expect.any(String) });
    await suite.assertConforms("createDocument", created);

    const added = await client.POST("/documents/groups/{documentGroupId}/{phaseId}/{fileName}", {
      params: { path: { documentGroupId, phaseId, fileName: "bestek.pdf" } },
      body: { file_contents: pdf() },
      bodySerializer: formDataBody,
    });
    expect(added.response.status).toBe(200);
    expect(added.data).toEqual({ documentId: expect.anything() });

    // The doc lists no file parameter (l.767-778): the spec's multipart body is assumed and optional.
    const bare = await client.POST("/documents/groups/{documentGroupId}/{phaseId}/{fileName}", {
      params: { path: { documentGroupId, phaseId, fileName: "bestek.pdf" } },
    });
    expect(bare.response.status).toBe(200);
    expect(bare.data).toEqual({ documentId: expect.anything() });
  });

  it("the upload is multipart/form-data with a file part named file_contents", async () => {
    const s = await fault((req, res) =>
      isTokenRequest(req.url) ? json(res, 200, { token: TOKEN, expireDate: inAnHour() }) : json(res, 200, { documentId: 91 }),
    );
    const client = create12BuildClient({ ...credentials, baseUrl: s.baseUrl, throwOnError: true });
    const { data } = await client.POST("/documents/groups/{documentGroupId}/{phaseId}/{fileName}", {
      params: { path: { documentGroupId, phaseId, fileName: "bestek rev B.pdf" } },
      body: { file_contents: new File([pdf()], "bestek rev B.pdf", { type: "application/pdf" }) },
      bodySerializer: formDataBody,
    });
    expect(data).toEqual({ documentId: 91 });
    const upload = s.requests[1]!;
    expect(upload.method).toBe("POST");
    expect(upload.url).toBe(`/documents/groups/${documentGroupId}/${phaseId}/bestek%20rev%20B.pdf`);
    expect(upload.headers["x-auth-token"]).toBe(TOKEN);
    expect(upload.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.body).toContain('Content-Disposition: form-data; name="file_contents"; filename="bestek rev B.pdf"');
    expect(upload.body).toContain("Content-Type: application/pdf");
    expect(upload.body).toContain("%PDF-1.4");
  });
});

describe("12Build: what the client sends", () => {
  it("exchanges login and apiKey at GET /tokens once, then sends X-Auth-Token; renews once on a 401", async () => {
    let issued = 0;
    const s = await fault((req, res) => {
      if (isTokenRequest(req.url)) return json(res, 200, { token: `${TOKEN}-${++issued}`, expireDate: inAnHour() });
      // the first token is refused once (expired), the second is accepted
      if (req.headers["x-auth-token"] === `${TOKEN}-1`) return json(res, 401, { message: "token expired" });
      return json(res, 200, []);
    });
    const client = create12BuildClient({ ...credentials, baseUrl: s.baseUrl, throwOnError: true });
    await client.GET("/project/list");
    await client.GET("/project/list");
    const q = new URL(s.requests[0]!.url, s.baseUrl).searchParams;
    expect(q.get("login")).toBe(credentials.login);
    expect(q.get("apiKey")).toBe(credentials.apiKey);
    expect(s.requests.map((r) => `${r.method} ${r.url.split("?")[0]} ${r.headers["x-auth-token"] ?? "-"}`)).toEqual([
      "GET /tokens -",
      `GET /project/list ${TOKEN}-1`,
      "GET /tokens -",
      `GET /project/list ${TOKEN}-2`,
      `GET /project/list ${TOKEN}-2`,
    ]);
  });

  // The backend is PHP: repeated keys without brackets keep only the last (deleteBudgetRows would delete one row).
  // Every array the doc calls an "Array" goes out indexed, like budgetRows (NOTES.md section 5).
  it("query strings: nested deepObject brackets, comma-separated lists, indexed PHP arrays (`name=` when empty), as the spec declares", async () => {
    const s = await fault((req, res) => (isTokenRequest(req.url) ? json(res, 200, { token: TOKEN, expireDate: inAnHour() }) : json(res, 200, {})));
    const client = create12BuildClient({ ...credentials, baseUrl: s.baseUrl });
    await client.PUT("/budgetrow", { params: { query: { budgetRowId, properties: { name: "Stelpost & meerwerk", unit: "m2" } } } });
    await client.PUT("/budgetrows", { params: { query: { budgetRows: { 0: { id: "2", properties: { name: "a" } }, 1: { id: "3", properties: { unit: "m3" } } } } } });
    await client.POST("/project/{projectId}/projectphase/close", { params: { path: { projectId }, query: { phase: ["Calculatie", "Inkoop"], phaseId: ["1", "2"] } } });
    await client.DELETE("/budgetrows", { params: { query: { budgetRowIds: ["1", "2"] } } });
    await client.PUT("/document/group/{documentGroupId}/links", { params: { path: { documentGroupId }, query: { workCategoryIds: ["43", "44"] } } });
    await client.POST("/work-component", { params: { query: { product: "tender", projectId, name: "Metselwerk", stabuChapterIds: ["21", "22"] } } });
    await client.PUT("/document/group/{documentGroupId}/links", { params: { path: { documentGroupId }, query: { workCategoryIds: [] } } });
    expect(s.requests.slice(1).map((r) => r.url)).toEqual([
      "/budgetrow?budgetRowId=88&properties[name]=Stelpost%20%26%20meerwerk&properties[unit]=m2",
      "/budgetrows?budgetRows[0][id]=2&budgetRows[0][properties][name]=a&budgetRows[1][id]=3&budgetRows[1][properties][unit]=m3",
      `/project/${projectId}/projectphase/close?phase=Calculatie,Inkoop&phaseId=1,2`,
      "/budgetrows?budgetRowIds[0]=1&budgetRowIds[1]=2",
      `/document/group/${documentGroupId}/links?workCategoryIds[0]=43&workCategoryIds[1]=44`,
      `/work-component?product=tender&projectId=${projectId}&name=Metselwerk&stabuChapterIds[0]=21&stabuChapterIds[1]=22`,
      // Assumed (spec): an empty indexed array is sent given and empty, so links can be cleared.
      `/document/group/${documentGroupId}/links?workCategoryIds=`,
    ]);
  });
});

describe("12Build: paginate() over listProjects (plain arrays)", () => {
  const project = (id: number): components["schemas"]["ProjectListItem"] => ({
    id: String(id),
    name: `Project ${id}`,
    calcNumber: `cal-${id}`,
    workNumber: `werk-${id}`,
    companyId: "1234567",
    city: "Rijssen",
    type: "default",
    phaseName: "Calculatie",
    phaseId: 123456,
    active: true,
  });

  async function projects(total: number) {
    const all = Array.from({ length: total }, (_, i) => project(i + 1));
    const s = await fault((req, res) => {
      if (isTokenRequest(req.url)) return json(res, 200, { token: TOKEN, expireDate: inAnHour() });
      const q = new URL(req.url, "http://x").searchParams;
      const page = Number(q.get("page"));
      const size = Number(q.get("pageSize"));
      json(res, 200, all.slice((page - 1) * size, page * size));
    });
    const client = create12BuildClient({ ...credentials, baseUrl: s.baseUrl });
    const listCalls = () => s.requests.filter((r) => r.url.startsWith("/project/list")).map((r) => r.url);
    return { client, listCalls };
  }

  it("pageSize 2 over 5 projects: pages of 2, 2, 1 → exactly 5 items in 3 requests (one after another with concurrency: 1)", async () => {
    const { client, listCalls } = await projects(5);
    const pages: number[] = [];
    for await (const page of client.paginate("/project/list", { params: { query: { pageSize: 2, active: "1" } } }, { concurrency: 1 }).pages()) {
      pages.push(page.items.length);
    }
    expect(pages).toEqual([2, 2, 1]);
    expect(listCalls()).toEqual([
      "/project/list?pageSize=2&active=1&page=1",
      "/project/list?pageSize=2&active=1&page=2",
      "/project/list?pageSize=2&active=1&page=3",
    ]);
    // by default one page is read ahead (no total to go by): the same items, in order
    const items = await client.paginate("/project/list", { params: { query: { pageSize: 2 } } }).toArray();
    expect(items.map((p) => p.id)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("an empty page ends it: 4 projects, pageSize 2 → 4 items in 3 requests", async () => {
    const { client, listCalls } = await projects(4);
    const items = await client.paginate("/project/list", { params: { query: { pageSize: 2 } } }, { concurrency: 1 }).toArray();
    expect(items).toHaveLength(4);
    expect(listCalls()).toHaveLength(3);
  });

  it("maxItems caps it: 3 of 5 projects in 2 requests", async () => {
    const { client, listCalls } = await projects(5);
    const items = await client.paginate("/project/list", { params: { query: { pageSize: 2 } } }, { maxItems: 3 }).toArray();
    expect(items.map((p) => p.name)).toEqual(["Project 1", "Project 2", "Project 3"]);
    expect(listCalls()).toHaveLength(2);
  });
});

describe("12Build: the apiKey never leaks (it travels in a query string)", () => {
  // Awkward characters too: the key must not leak percent- or form-encoded either.
  const keys = [credentials.apiKey, "k+y/with=special chars&more"];

  for (const apiKey of keys) {
    const secrets = [apiKey];
    const label = apiKey === credentials.apiKey ? "hex key" : "key with special characters";

    it(`${label}: a token request refused with 401 (the server echoes the query) → AuthenticationError`, async () => {
      const s = await fault((req, res) =>
        json(res, 401, { message: `invalid apiKey for ${req.url}`, apiKey: new URL(req.url, "http://x").searchParams.get("apiKey") }),
      );
      const { out, logger } = lines();
      const client = create12BuildClient({ ...credentials, apiKey, baseUrl: s.baseUrl, logger, ...fast });
      const err = await client.GET("/project/list").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthenticationError);
      const e = err as AuthenticationError;
      expect(e.status).toBe(401);
      // The user's call fails; the token request is its cause.
      expect(e.operation).toBe("GET /project/list");
      expect(e.cause).toMatchObject({ operation: "GET /tokens", url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/tokens\?/) });
      expect(s.requests).toHaveLength(1);
      expect(s.requests[0]!.url).toContain("apiKey="); // it was really sent
      expect(JSON.stringify(e.body)).toContain("[REDACTED]");
      expectNoSecrets(e, secrets, out);
    });

    it(`${label}: a token request whose connection is reset → ConnectionError after the retries`, async () => {
      const s = await fault((_req, res) => res.socket?.destroy());
      const { out, logger } = lines();
      const client = create12BuildClient({ ...credentials, apiKey, baseUrl: s.baseUrl, logger, ...fast });
      const err = await client.GET("/project/list").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectionError);
      expect((err as ConnectionError).operation).toBe("GET /project/list");
      expect((err as ConnectionError).cause).toMatchObject({ operation: "GET /tokens" });
      expect(s.requests).toHaveLength(2);
      expect(out.some((l) => l.includes("GET /tokens network error"))).toBe(true);
      expectNoSecrets(err, secrets, out);
    });

    it(`${label}: a token request to a closed port (connection refused) → ConnectionError`, async () => {
      const port = await freePort();
      const { out, logger } = lines();
      const client = create12BuildClient({ ...credentials, apiKey, baseUrl: `http://127.0.0.1:${port}`, logger, ...fast, throwOnError: true });
      const err = await client.GET("/project/{projectId}", { params: { path: { projectId } } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectionError);
      const e = err as ConnectionError;
      expect(e.operation).toBe("GET /project/{projectId}");
      expect(e.message).toMatch(/obtaining credentials failed: GET \/tokens failed: .*(ECONNREFUSED|fetch failed)/);
      expect(out.length).toBeGreaterThan(0);
      expectNoSecrets(e, secrets, out);
    });

    it(`${label}: an API call that fails after the token was obtained leaks neither the key nor the token`, async () => {
      const s = await fault((req, res) => {
        if (isTokenRequest(req.url)) return json(res, 200, { token: TOKEN, expireDate: inAnHour() });
        // a careless server echoing what it got
        const echo = { message: `internal error, token ${req.headers["x-auth-token"]}`, apiKey, token: req.headers["x-auth-token"] };
        if (req.url.startsWith("/project/list")) return json(res, 503, echo);
        return json(res, 401, echo);
      });
      const { out, logger } = lines();
      const client = create12BuildClient({ ...credentials, apiKey, baseUrl: s.baseUrl, logger, ...fast, throwOnError: true });

      const err = await client.GET("/project/list").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServerError);
      const e = err as ServerError;
      expect(e.status).toBe(503);
      expect(e.operation).toBe("GET /project/list");
      expect(s.requests.map((r) => r.url.split("?")[0])).toEqual(["/tokens", "/project/list", "/project/list"]); // one retry
      expect(out.some((l) => l.includes("server answered 503"))).toBe(true);
      expect(e.message).toContain("[REDACTED]");
      expectNoSecrets(e, [...secrets, TOKEN], out);

      // a 401 on the API call: the token is renewed once, then the refusal surfaces
      const denied = await client.GET("/project/{projectId}", { params: { path: { projectId } } }).catch((x: unknown) => x);
      expect(denied).toBeInstanceOf(AuthenticationError);
      expect((denied as AuthenticationError).operation).toBe("GET /project/{projectId}");
      expect(s.requests.map((r) => r.url.split("?")[0]).slice(3)).toEqual([`/project/${projectId}`, "/tokens", `/project/${projectId}`]);
      expectNoSecrets(denied, [...secrets, TOKEN], out);
    });
  }
});
