import { fileURLToPath } from "node:url";
import { contractSuite, mockContractSuite, expectNoSecrets, json, startFaultServer, type ContractCase, type FaultHandler, type FaultServer } from "@specyard/contract-harness";
import { afterEach, describe, expect, it } from "vitest";
import { responses } from "../src/validate.js";
import {
  AuthenticationError,
  BadRequestError,
  createBlikkClient,
  formDataBody,
  type BlikkClient,
  type BlikkClientOptions,
  type components,
  type operations,
  BLIKK_BASE_URL,
} from "../src/index.js";
import { handlers } from "../src/mock.js";

const specFile = fileURLToPath(new URL("../openapi.json", import.meta.url));
const credentials = { appId: "7c1e4b52-blikk-app-2291", appSecret: "sk_live_Blikk-9Qz!r7Lw3Xv" };
/** What the client sends to the token endpoint: base64(appId:appSecret). */
const basic = Buffer.from(`${credentials.appId}:${credentials.appSecret}`).toString("base64");
/** The token Prism serves (the doc's example). */
const PRISM_TOKEN = "pk_00000000-0000-0000-0000-000000000000.pa_00000000-0000-0000-0000-000000000000";

const taskId = 1042;
const onTask = { params: { path: { taskId } } };
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

const contact: components["schemas"]["ContactInput"] = {
  name: "Lotta Larsson",
  customerNumber: "111",
  contactType: "person",
  organizationalOrSocialSecurityNumber: "860311-7063",
  isActive: true,
  email: "lotta@familjenlarsson.se",
  phoneNumber: "075-9902281",
  cellPhoneNumber: "0707788994",
  isCustomer: true,
  responsibleId: 15,
  tagIds: [10, 16],
  visitingAddress: { streetAddress: "Solberga 4", postalCode: "92372", city: "Storuman", countryId: 1 },
};
const task: components["schemas"]["TaskInput"] = {
  title: "Pour foundation slab",
  description: "Formwork checked, concrete ordered for 07:00.",
  isCompleted: false,
  timeReportingEnabled: true,
  estimate: 26.5,
  startDate: "2026-03-02 07:00:00",
  endDate: null,
  tagIds: [1, 5, 12],
  memberIds: [1, 2],
  taskBoardColumnId: 1,
  projectId: 15,
};
const timeReport: components["schemas"]["TimeReportInput"] = {
  date: "2026-03-02",
  clockStart: "07:00",
  clockEnd: "15:30",
  hours: 8,
  invoiceableHours: 8,
  breakMinutes: 30,
  comment: "Formwork, east wing",
  userId: 1,
  projectId: 15,
  activityId: 1,
  timeCodeId: 1,
  timeArticleId: 1,
  taskId,
  travelReport: { place: "Piteå-Luleå-Piteå", distance: 100, invoiceableDistance: 120, toSalary: true, companyCar: { id: 1, tripStart: 15000, tripEnd: 15100 } },
  allowanceReport: { allowanceTypeId: 1, description: "Day trip", toBeInvoiced: true },
  materials: [{ id: null, articleId: 55, articleNumber: "A12", title: "Rebar 12 mm", unitPrice: 600, invoiceableUnitPrice: 650, units: 4, invoiceableUnits: 5, unitText: "st", isTextOnly: false }],
  equipments: [{ id: null, hours: 4.5, articleId: 10, comment: "Concrete pump" }],
  additions: [{ id: null, articleId: 15, yesNo: true, numberCount: null }],
};
const page = { page: 1, pageSize: 25 };

// One typed call per operation. `Record<keyof operations, …>` makes a missing case a type error too.
const cases: Record<keyof operations, ContractCase<BlikkClient>> = {
  // The token endpoint takes HTTP Basic, not the client's bearer token: `anonymous` leaves the call's own header alone.
  createAccessToken: (c) => c.withOptions({ anonymous: true }).POST("/v1/Auth/Token", { headers: { Authorization: `Basic ${basic}` } }),
  listContacts: (c) =>
    c.GET("/v1/Core/Contacts", {
      params: { query: { ...page, sortBy: "name", sortOrder: "ascending", "filter.query": "larsson", "filter.tagIds": [42, 150, 6], "filter.createdOrUpdatedSince": "2026-01-01 14:00:00", "filter.contactType": "person" } },
    }),
  getContact: (c) => c.GET("/v1/Core/Contacts/{id}", { params: { path: { id: 32 } } }),
  createContact: (c) => c.POST("/v1/Core/Contacts", { body: contact }),
  updateContact: (c) => c.PUT("/v1/Core/Contacts/{id}", { params: { path: { id: 32 } }, body: { ...contact, isActive: false } }),
  deleteContact: (c) => c.DELETE("/v1/Core/Contacts/{id}", { params: { path: { id: 32 } } }),
  listProjects: (c) => c.GET("/v1/Core/Projects", { params: { query: { ...page, sortBy: "createdDate", sortOrder: "descending", "filter.query": "P-2026" } } }),
  listTaskBoards: (c) => c.GET("/v1/Core/TaskBoards", { params: { query: { ...page, sortBy: "name", "filter.projectIds": [15, 16] } } }),
  listTasks: (c) =>
    c.GET("/v1/Core/Tasks", {
      params: { query: { ...page, sortBy: "startDate", "filter.from": "2026-03-01", "filter.to": "2026-03-31", "filter.memberIds": [1, 2], "filter.taskBoardId": -1 } },
    }),
  createTask: (c) => c.POST("/v1/Core/Tasks", { body: task }),
  updateTask: (c) => c.PUT("/v1/Core/Tasks/{taskId}", { ...onTask, body: { ...task, isCompleted: true } }),
  deleteTask: (c) => c.DELETE("/v1/Core/Tasks/{taskId}", onTask),
  listTaskComments: (c) => c.GET("/v1/Core/Tasks/{taskId}/Comments", { params: { path: { taskId }, query: { ...page, sortBy: "createdDate" } } }),
  createTaskComment: (c) => c.POST("/v1/Core/Tasks/{taskId}/Comments", { ...onTask, body: { text: "Slab poured, curing until Friday." } }),
  updateTaskComment: (c) =>
    c.PUT("/v1/Core/Tasks/{taskId}/Comments/{commentId}", { params: { path: { taskId, commentId: 311 } }, body: { text: "Slab poured, curing until Monday." } }),
  deleteTaskComment: (c) => c.DELETE("/v1/Core/Tasks/{taskId}/Comments/{commentId}", { params: { path: { taskId, commentId: 311 } } }),
  listTaskChecklists: (c) => c.GET("/v1/Core/Tasks/{taskId}/Checklists", { params: { path: { taskId }, query: page } }),
  createTaskChecklist: (c) =>
    c.POST("/v1/Core/Tasks/{taskId}/Checklists", {
      ...onTask,
      body: { name: "Before pouring", items: [{ name: "Formwork inspected", isCompleted: true }, { name: "Rebar cover checked", isCompleted: false }] },
    }),
  updateTaskChecklist: (c) =>
    c.PUT("/v1/Core/Tasks/{taskId}/Checklists/{checklistId}", {
      params: { path: { taskId, checklistId: 8 } },
      body: { name: "Before pouring", items: [{ id: 21, name: "Formwork inspected", isCompleted: true }] },
    }),
  deleteTaskChecklist: (c) => c.DELETE("/v1/Core/Tasks/{taskId}/Checklists/{checklistId}", { params: { path: { taskId, checklistId: 8 } } }),
  listTaskAttachments: (c) => c.GET("/v1/Core/Tasks/{taskId}/Attachments", { params: { path: { taskId }, query: { ...page, sortBy: "name" } } }),
  downloadTaskAttachment: (c) =>
    c.GET("/v1/Core/Tasks/{taskId}/Attachments/{attachmentId}/Download", { params: { path: { taskId, attachmentId: 7 } }, parseAs: "arrayBuffer" }),
  createTaskAttachment: (c) =>
    c.POST("/v1/Core/Tasks/{taskId}/Attachments", {
      ...onTask,
      body: { name: "site-photo.png", file: new File([png], "site-photo.png", { type: "image/png" }) },
      bodySerializer: formDataBody,
    }),
  updateTaskAttachment: (c) =>
    c.PUT("/v1/Core/Tasks/{taskId}/Attachments/{attachmentId}", { params: { path: { taskId, attachmentId: 7 } }, body: { name: "east-wing-slab.png" } }),
  deleteTaskAttachment: (c) => c.DELETE("/v1/Core/Tasks/{taskId}/Attachments/{attachmentId}", { params: { path: { taskId, attachmentId: 7 } } }),
  listTimeReports: (c) =>
    c.GET("/v1/Core/TimeReports", {
      params: { query: { ...page, sortBy: "date", "filter.from": "2026-03-01", "filter.to": "2026-03-31", "filter.userIds": [1, 4], "filter.isAttested": true, "filter.projectType": "project" } },
    }),
  getTimeReport: (c) => c.GET("/v1/Core/TimeReports/{id}", { params: { path: { id: 707 } } }),
  createTimeReport: (c) => c.POST("/v1/Core/TimeReports", { body: timeReport }),
  updateTimeReport: (c) => c.PUT("/v1/Core/TimeReports/{id}", { params: { path: { id: 707 } }, body: { ...timeReport, hours: 7.5 } }),
  deleteTimeReport: (c) => c.DELETE("/v1/Core/TimeReports/{id}", { params: { path: { id: 707 } } }),
  listUserDayStatistics: (c) =>
    c.GET("/v1/Core/TimeReports/UserDayStatistics", {
      params: { query: { ...page, "filter.from": "2026-03-01", "filter.to": "2026-03-31", "filter.userIds": [1, 4], "filter.departmentIds": [3] } },
    }),
  listAbsenceProjects: (c) => c.GET("/v1/Admin/AbsenceProjects", { params: { query: { ...page, sortBy: "name" } } }),
  listActivities: (c) => c.GET("/v1/Admin/Activities", { params: { query: { ...page, sortBy: "updatedDate" } } }),
  listAllowances: (c) => c.GET("/v1/Admin/Allowances", { params: { query: page } }),
  listArticles: (c) => c.GET("/v1/Admin/Articles", { params: { query: { ...page, sortBy: "articleNumber", "filter.query": "rebar" } } }),
  listCompanyCars: (c) => c.GET("/v1/Admin/CompanyCars", { params: { query: page } }),
  listContactTags: (c) => c.GET("/v1/Admin/ContactTags", { params: { query: { ...page, sortBy: "createdDate" } } }),
  listCountries: (c) => c.GET("/v1/Admin/Countries", { params: { query: { page: 1, pageSize: 100 } } }),
  listEquipments: (c) => c.GET("/v1/Admin/Equipments", { params: { query: page } }),
  listInternalProjects: (c) => c.GET("/v1/Admin/InternalProjects", { params: { query: page } }),
  listTimeAdditions: (c) => c.GET("/v1/Admin/TimeAdditions", { params: { query: page } }),
  listTimeArticles: (c) => c.GET("/v1/Admin/TimeArticles", { params: { query: page } }),
  listTimeCodes: (c) => c.GET("/v1/Admin/TimeCodes", { params: { query: page } }),
  listUsers: (c) => c.GET("/v1/Admin/Users", { params: { query: { ...page, "filter.query": "anna" } } }),
  getUser: (c) => c.GET("/v1/Admin/Users/{id}", { params: { path: { id: 4 } } }),
};

// The suite makes ~45 calls against one Prism: the 4-per-second default would stretch it to 12 s.
const suite = contractSuite({
  vendor: "Blikk",
  specFile,
  responses,
  client: (baseUrl) => createBlikkClient({ ...credentials, baseUrl, rateLimit: false }),
  cases,
});

// The same cases against the package's MSW handlers (`./mock`): each answer must match Prism's.
mockContractSuite(suite, {
  handlers,
  baseUrl: BLIKK_BASE_URL,
  client: (baseUrl) => createBlikkClient({ ...credentials, baseUrl, rateLimit: false }),
  cases,
  refusals: {
    "no bearer token → 401": { operationId: "listContacts", send: (b) => fetch(`${b}/v1/Core/Contacts?page=1`) },
    "pageSize=101 → 400": { operationId: "listContacts", send: (b) => fetch(`${b}/v1/Core/Contacts?page=1&pageSize=101`, { headers: { Authorization: "Bearer t" } }) },
    "invalid contact body → 400": {
      operationId: "createContact",
      send: (b) => fetch(`${b}/v1/Core/Contacts`, { method: "POST", headers: { Authorization: "Bearer t", "Content-Type": "application/json" }, body: "{\"name\":42}" }),
    },
  },
});

const prismClient = <T extends boolean = false>(extra: Partial<BlikkClientOptions> & { throwOnError?: T } = {}) =>
  createBlikkClient({ ...credentials, baseUrl: suite.baseUrl(), rateLimit: false, ...extra });

describe("Blikk: requests the spec refuses (Prism)", () => {
  it("a Core request without the bearer token is refused with 401", async () => {
    const { data, error, response } = await suite.client().withOptions({ anonymous: true }).GET("/v1/Core/Contacts", { params: { query: { page: 1 } } });
    expect(response.status).toBe(401);
    expect(data).toBeUndefined();
    await suite.assertConforms("listContacts", { error, response });
  });

  it("pageSize=101 is refused with the documented 400 and surfaces as a BadRequestError naming the operation", async () => {
    const client = prismClient({ throwOnError: true });
    const err = await client.GET("/v1/Core/Contacts", { params: { query: { page: 1, pageSize: 101 } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    const e = err as BadRequestError<components["schemas"]["BadRequestError"]>;
    expect(e.status).toBe(400);
    expect(e.operation).toBe("GET /v1/Core/Contacts");
    expect(e.message).toContain("GET /v1/Core/Contacts failed with status 400");
    expect(e.body?.message).toBe("The request is invalid.");
    await suite.assertConforms("listContacts", { error: e.body, response: new Response(JSON.stringify(e.body), { status: 400, headers: { "content-type": "application/json" } }) });
    expectNoSecrets(e, [credentials.appSecret, basic, PRISM_TOKEN]);
  });

  it("pageSize=101 in { data, error } style: 400, no data", async () => {
    const { data, error, response } = await prismClient().GET("/v1/Admin/Users", { params: { query: { page: 1, pageSize: 101 } } });
    expect(response.status).toBe(400);
    expect(data).toBeUndefined();
    expect(error && "message" in error ? error.message : undefined).toBe("The request is invalid.");
    await suite.assertConforms("listUsers", { error, response });
  });

  it("a missing required page is refused with 400", async () => {
    const client = prismClient({ throwOnError: true });
    // `page` is required, so the typed client cannot leave it out. This one call goes through an
    // untyped view of `client.request` on purpose: the point is to see the server refuse it, with the
    // client's real token, error mapping and operation name.
    const untypedRequest = client.request as unknown as (method: string, path: string, init?: object) => Promise<unknown>;
    const err = await untypedRequest("GET", "/v1/Core/Contacts", { params: { query: { pageSize: 10 } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).status).toBe(400);
    expect((err as BadRequestError).operation).toBe("GET /v1/Core/Contacts");
  });
});

describe("Blikk: client behaviour (local server)", () => {
  const servers: FaultServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const TOKEN = "pk_6b1f0c2a-58de-4c1b-9a57-0c3f2e1d4b7a.pa_0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a";
  const isToken = (url: string) => url === "/v1/Auth/Token";
  /** A Blikk look-alike: the token endpoint, then `api` for everything else. */
  const serve = async (api: FaultHandler): Promise<FaultServer> => {
    const s = await startFaultServer((req, res, n) => {
      if (isToken(req.url)) return json(res, 200, { objectName: "auth.token", accessToken: TOKEN, expires: "2099-01-01 00:00:00 +00:00" });
      return api(req, res, n);
    });
    servers.push(s);
    return s;
  };
  const local = <T extends boolean = false>(s: FaultServer, extra: Partial<BlikkClientOptions> & { throwOnError?: T } = {}) =>
    createBlikkClient({ ...credentials, baseUrl: s.baseUrl, rateLimit: false, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...extra });
  const contactItem = (id: number) => ({ objectName: "contact.list", id, name: `Contact ${id}`, contactType: "Company" });
  /** `totalItems` contacts in pages of `pageSize`, honouring `page` and `pageSize`. */
  const contactPages =
    (totalItems: number): FaultHandler =>
    (req, res) => {
      const q = new URL(req.url, "http://x").searchParams;
      const pageNo = Number(q.get("page"));
      const size = Number(q.get("pageSize") ?? 25);
      const ids = Array.from({ length: totalItems }, (_, i) => i + 1).slice((pageNo - 1) * size, pageNo * size);
      json(res, 200, {
        objectName: "generic.pagedlist",
        page: pageNo,
        pageSize: size,
        itemCount: ids.length,
        totalItemCount: totalItems,
        totalPages: Math.ceil(totalItems / size),
        items: ids.map(contactItem),
      });
    };

  it("exchanges app id and secret (Basic) for a token once and sends it as Bearer", async () => {
    const s = await serve((_req, res) => json(res, 200, { objectName: "contact.get", id: 32, name: "Lotta Larsson", contactType: "Person" }));
    const client = local(s);
    await client.GET("/v1/Core/Contacts/{id}", { params: { path: { id: 32 } } });
    const { data } = await client.GET("/v1/Core/Contacts/{id}", { params: { path: { id: 33 } } });
    expect(data?.name).toBe("Lotta Larsson");
    expect(s.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["POST /v1/Auth/Token", "GET /v1/Core/Contacts/32", "GET /v1/Core/Contacts/33"]);
    expect(s.requests[0]!.headers.authorization).toBe(`Basic ${basic}`);
    expect(s.requests[1]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(s.requests[2]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("sends filter.*Ids comma-separated", async () => {
    const s = await serve(contactPages(0));
    await local(s).GET("/v1/Core/Contacts", { params: { query: { page: 1, "filter.tagIds": [42, 150, 6] } } });
    expect(s.requests[1]!.url).toBe("/v1/Core/Contacts?page=1&filter.tagIds=42,150,6");
  });

  it("paginate() reads 2,000 contacts in pages of the spec's maximum (100) within a strict limit: 21 requests, 0 × 429, in order", async () => {
    // Blikk's 4 requests per second scaled to 4 per 250 ms, to keep the test short; the server refuses a fifth.
    const arrivals: number[] = [];
    let refused = 0;
    const pages = contactPages(2000);
    const s = await serve((req, res, n) => {
      const tooMany = arrivals.filter((t) => req.at - t < 250).length >= 4;
      arrivals.push(req.at);
      if (tooMany) return refused++, json(res, 429, { message: "Too many requests", waitInSeconds: 0.25 });
      setTimeout(() => pages(req, res, n), 30);
    });
    const client = local(s, { rateLimit: { limit: 4, windowMs: 250 } });
    const ids: number[] = [];
    for await (const contact of client.paginate("/v1/Core/Contacts")) ids.push(contact.id);
    expect(ids).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    // the token counts against the limit too
    expect(s.requests.length).toBeLessThanOrEqual(21);
    expect(refused).toBe(0);
    const lists = s.requests.filter((r) => !isToken(r.url)).map((r) => new URL(r.url, "http://x").searchParams);
    expect(lists.map((q) => q.get("pageSize"))).toEqual(Array(20).fill("100"));
    expect(lists.map((q) => Number(q.get("page"))).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("paginate() walks 3 pages of 2 to the end: 5 items, 3 page requests, 1 token request", async () => {
    const s = await serve(contactPages(5));
    const items = await local(s).paginate("/v1/Core/Contacts", { params: { query: { pageSize: 2, sortBy: "name" } } }).toArray();
    expect(items.map((c) => c.id)).toEqual([1, 2, 3, 4, 5]);
    // pages 2 and 3 are requested together once page 1 told the total
    expect(s.requests.map((r) => r.url).sort()).toEqual([
      "/v1/Auth/Token",
      "/v1/Core/Contacts?pageSize=2&sortBy=name&page=1",
      "/v1/Core/Contacts?pageSize=2&sortBy=name&page=2",
      "/v1/Core/Contacts?pageSize=2&sortBy=name&page=3",
    ]);
  });

  it("paginate() stops at maxItems without reading further pages", async () => {
    const s = await serve(contactPages(5));
    const items = await local(s).paginate("/v1/Core/Contacts", { params: { query: { pageSize: 2 } } }, { maxItems: 3 }).toArray();
    expect(items.map((c) => c.id)).toEqual([1, 2, 3]);
    expect(s.requests.filter((r) => !isToken(r.url))).toHaveLength(2);
  });

  it("paginate() ends when the server ignores page and repeats the same page", async () => {
    // Always page 1 of 3, whatever was asked: without the repeat check this would never end.
    const s = await serve((_req, res) =>
      json(res, 200, { objectName: "generic.pagedlist", page: 1, pageSize: 2, itemCount: 2, totalItemCount: 6, totalPages: 3, items: [contactItem(1), contactItem(2)] }),
    );
    const items = await local(s).paginate("/v1/Core/Contacts", { params: { query: { pageSize: 2 } } }).toArray();
    expect(items.map((c) => c.id)).toEqual([1, 2]);
    expect(s.requests.filter((r) => !isToken(r.url)).map((r) => r.url)).toEqual([
      "/v1/Core/Contacts?pageSize=2&page=1",
      "/v1/Core/Contacts?pageSize=2&page=2",
    ]);
  });

  it("downloads an attachment as a non-empty ArrayBuffer with the exact bytes", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": png.byteLength });
      res.end(Buffer.from(png));
    });
    const { data, response } = await local(s).GET("/v1/Core/Tasks/{taskId}/Attachments/{attachmentId}/Download", {
      params: { path: { taskId, attachmentId: 7 } },
      parseAs: "arrayBuffer",
    });
    expect(response.status).toBe(200);
    expect(data).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(data!)).toEqual(png);
    expect(s.requests[1]!.url).toBe(`/v1/Core/Tasks/${taskId}/Attachments/7/Download`);
  });

  it("downloads from Prism as a non-empty ArrayBuffer", async () => {
    const { data, response } = await prismClient().GET("/v1/Core/Tasks/{taskId}/Attachments/{attachmentId}/Download", {
      params: { path: { taskId, attachmentId: 7 } },
      parseAs: "arrayBuffer",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/octet-stream");
    expect(data).toBeInstanceOf(ArrayBuffer);
    expect(data!.byteLength).toBeGreaterThan(0);
  });

  it("uploads an attachment as multipart/form-data with the file part", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200);
      res.end();
    });
    const { response } = await local(s).POST("/v1/Core/Tasks/{taskId}/Attachments", {
      ...onTask,
      body: { name: "site-photo.png", file: new File([png], "site-photo.png", { type: "image/png" }) },
      bodySerializer: formDataBody,
    });
    expect(response.status).toBe(200);
    const req = s.requests[1]!;
    expect(req.method).toBe("POST");
    expect(req.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=.+/);
    expect(req.body).toContain('Content-Disposition: form-data; name="name"\r\n\r\nsite-photo.png\r\n');
    expect(req.body).toContain('Content-Disposition: form-data; name="file"; filename="site-photo.png"\r\nContent-Type: image/png\r\n\r\n');
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("limits itself to 4 requests per second by default (token request included)", async () => {
    const s = await serve(contactPages(3));
    // A fresh baseUrl (new port) means a fresh limiter: nothing else shares this key.
    const client = local(s, { rateLimit: undefined });
    const results = await Promise.all(Array.from({ length: 5 }, () => client.GET("/v1/Core/Contacts", { params: { query: { page: 1 } } })));
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200, 200, 200]);
    const at = s.requests.map((r) => r.at).sort((a, b) => a - b);
    expect(at).toHaveLength(6);
    // Any 5 consecutive starts span at least the 1 s window (a little slack for arrival jitter).
    expect(at[4]! - at[0]!).toBeGreaterThanOrEqual(980);
    expect(at[5]! - at[1]!).toBeGreaterThanOrEqual(980);
  });

  it("credentials never appear in an error, even when the server echoes them", async () => {
    // A hostile/buggy server that echoes the credentials it received in its error body.
    const s = await serve((req, res) =>
      json(res, 400, { message: `Invalid request with ${req.headers.authorization}`, modelState: { auth: [`basic ${basic}`, `secret ${credentials.appSecret}`, TOKEN] } }),
    );
    const err = await local(s, { throwOnError: true })
      .GET("/v1/Core/Contacts", { params: { query: { page: 1 } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).operation).toBe("GET /v1/Core/Contacts");
    expectNoSecrets(err, [credentials.appSecret, basic, TOKEN]);
    expect(JSON.stringify((err as BadRequestError).body)).toContain("[REDACTED]");
  });

  it("a refused token request is an AuthenticationError without the credentials", async () => {
    const s = await startFaultServer((req, res) => json(res, 401, { message: `Invalid credentials: ${req.headers.authorization}` }));
    servers.push(s);
    const err = await local(s, { throwOnError: true })
      .GET("/v1/Admin/Users/{id}", { params: { path: { id: 4 } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).status).toBe(401);
    expect((err as AuthenticationError).operation).toBe("GET /v1/Admin/Users/{id}");
    expect((err as AuthenticationError).cause).toMatchObject({ operation: "POST /v1/Auth/Token", status: 401 });
    expect(s.requests).toHaveLength(1);
    expectNoSecrets(err, [credentials.appSecret, basic]);
  });
});
