import { fileURLToPath } from "node:url";
import { contractSuite, mockContractSuite, expectNoSecrets, json, startFaultServer, type ContractCase, type FaultServer } from "@specyard/contract-harness";
import { afterEach, describe, expect, it } from "vitest";
import { responses } from "../src/validate.js";
import {
  AuthenticationError,
  ConfigurationError,
  PermissionDeniedError,
  UnprocessableEntityError,
  base64JsonParam,
  createSimploClient,
  downloadReportPdf,
  type SimploClient,
  type SimploErrorBody,
  type SimploProjectsFilter,
  type SimploReportsFilter,
  type components,
  type operations,
} from "../src/index.js";
import { createHandlers } from "../src/mock.js";

type Report = components["schemas"]["Report"];

const specFile = fileURLToPath(new URL("../openapi.json", import.meta.url));

/** An unsigned JWT (Simplo issues JWTs; the client only reads `exp`). */
const jwt = (sub: string, exp = Math.floor(Date.now() / 1000) + 3600) =>
  [{ alg: "HS256", typ: "JWT" }, { sub, exp }, "c2lnbmF0dXJl"]
    .map((p) => (typeof p === "string" ? p : Buffer.from(JSON.stringify(p)).toString("base64url")))
    .join(".");
const token = jwt("user-17");
const reportHash = "GyhrUFdG84Buc9EVVHqvkJevxATxs6KLVwipvXS07jdSqa5vaPiSJZip2o4U21QP";
const approvalHash = "xACuGpAo8GZF4kHHuKBj6MsqoHcsTX5Et73ZTvVgF77khjbn";
const activeClientsFilter = base64JsonParam<SimploProjectsFilter>({ active: { eq: true }, client_id: { in: [2, 3] } });
const sentReportsFilter = base64JsonParam<SimploReportsFilter>({ state: { eq: 2 }, from_at: { gte: "2023-01-01" } });

// One typed call per operation. `Record<keyof operations, …>` makes a missing case a type error too.
const cases: Record<keyof operations, ContractCase<SimploClient>> = {
  listProjects: (c) =>
    c.GET("/api/v0/projects", {
      params: { query: { sort: "name", order: "asc", filter: activeClientsFilter, embed: ["tasks", "client"], page: 1, per_page: 20 } },
    }),
  getProject: (c) => c.GET("/api/v0/projects/{project_id}", { params: { path: { project_id: 1 }, query: { embed: ["client", "responsible_user"] } } }),
  updateProject: (c) =>
    c.PUT("/api/v0/projects/{project_id}", {
      params: { path: { project_id: 1 } },
      body: {
        name: "kaitrade.cz / grafické práce",
        client_id: 2,
        status_id: 6,
        responsible_user_id: 4,
        active: true,
        priority: 5,
        billable: true,
        billing_type: "1",
        billings_frequency: 2,
        estimated_price: 1005,
      },
    }),
  patchProject: (c) => c.PATCH("/api/v0/projects/{project_id}", { params: { path: { project_id: 1 } }, body: { estimated_price: "1005" } }),
  listReports: (c) =>
    c.GET("/api/v0/reports", {
      params: {
        query: { page: 1, per_page: 20, sort: "created_at", order: "desc", filter: sentReportsFilter, embed: ["report_setting", "project"] },
      },
    }),
  getReport: (c) => c.GET("/api/v0/reports/{report_id}", { params: { path: { report_id: 11 }, query: { embed: ["edit_allowed"] } } }),
  updateReport: (c) =>
    c.PUT("/api/v0/reports/{report_id}", { params: { path: { report_id: 11 } }, body: { state: 2, invoice_number: 20230001 } }),
  patchReport: (c) => c.PATCH("/api/v0/reports/{report_id}", { params: { path: { report_id: 11 } }, body: { state: 2 } }),
  deleteReport: (c) => c.DELETE("/api/v0/reports/{report_id}", { params: { path: { report_id: 11 } } }),
  downloadReportPdf: (c) =>
    c.GET("/api/v0/reports/{report_id}/download-pdf", {
      params: { path: { report_id: 6 }, query: { hash: reportHash } },
      parseAs: "arrayBuffer",
    }),
  approveReport: (c) => c.POST("/api/v0/reports/{report_id}/approved", { params: { path: { report_id: 6 } }, body: { hash: approvalHash } }),
  getPublicReport: (c) =>
    c.GET("/api/v0/reports/{report_id}/public", {
      params: { path: { report_id: 6 }, query: { hash: reportHash, embed: ["report_setting", "report_tasks"] } },
    }),
  issueReportInvoice: (c) => c.GET("/api/v0/reports/{report_id}/issue-invoice", { params: { path: { report_id: 11 } } }),
};

const suite = contractSuite({
  vendor: "Simplo IS",
  specFile,
  responses,
  client: (baseUrl) => createSimploClient({ token, baseUrl }),
  cases,
});

// The same cases against the package's MSW handlers (`./mock`): each answer must match Prism's.
mockContractSuite(suite, {
  handlers: createHandlers({ baseUrl: "https://is.example.com" }),
  baseUrl: "https://is.example.com",
  client: (baseUrl) => createSimploClient({ token, baseUrl }),
  cases,
  refusals: {
    "no bearer token → 401": { operationId: "listProjects", send: (b) => fetch(`${b}/api/v0/projects`) },
    "an embed projects do not offer → 422": {
      operationId: "listProjects",
      send: (b) => fetch(`${b}/api/v0/projects?embed=client,report_setting`, { headers: { Authorization: "Bearer t" } }),
    },
  },
});

/** A JSON response for `assertConforms` from an error a client threw. */
const asResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

let servers: FaultServer[] = [];
const fault = async (...args: Parameters<typeof startFaultServer>) => {
  const s = await startFaultServer(...args);
  servers.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** The doc's report example with another id, as the reports index serves it. */
const reportExample = (): Report =>
  structuredClone(suite.spec.paths["/api/v0/reports/{report_id}"]!.get.responses["200"].content["application/json"].examples.report.value);
const report = (id: number): Report => ({ ...reportExample(), id, name: `${String(id).padStart(2, "0")} Report`, _links: [{ href: `/api/v0/reports/${id}`, rel: "self", type: "GET" }] });
const unauthorized = { type: "Unauthorized", message: "User is not logged-in.", id: "3f6c2a1e-8b7d-4c55-9e0a-2d4b6f8a1c90" };

describe("Simplo IS: configuration", () => {
  it("without token or getToken, a call that needs the JWT fails before sending, naming both", async () => {
    const client = createSimploClient({ baseUrl: suite.baseUrl() });
    const err = await client.GET("/api/v0/projects").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(String(err)).toMatch(/GET \/api\/v0\/projects needs credentials.*token or getToken/);
  });

  it("refuses an empty token (a missing environment variable, most likely)", () => {
    expect(() => createSimploClient({ baseUrl: "https://is.example.com", token: "" })).toThrow(ConfigurationError);
  });

  it("refuses token and getToken together (a type error too)", () => {
    // @ts-expect-error token and getToken exclude each other
    expect(() => createSimploClient({ baseUrl: "https://is.example.com", token, getToken: () => token })).toThrow(ConfigurationError);
  });

  it("requires baseUrl (the host is not documented) and https for remote hosts", () => {
    // @ts-expect-error baseUrl is required
    expect(() => createSimploClient({ token })).toThrow(ConfigurationError);
    expect(() => createSimploClient({ token, baseUrl: "http://is.example.com" })).toThrow(ConfigurationError);
    expect(() => createSimploClient({ token, baseUrl: "http://is.example.com", allowInsecureHttp: true })).not.toThrow();
  });
});

describe("Simplo IS: requests the spec refuses", () => {
  it("a request without the bearer token is refused with 401", async () => {
    const { data, error, response } = await suite.client().withOptions({ anonymous: true }).GET("/api/v0/projects");
    expect(response.status).toBe(401);
    expect(data).toBeUndefined();
    await suite.assertConforms("listProjects", { error, response });
  });

  it("an embed value the operation does not offer is a type error and a 422 naming the operation", async () => {
    const client = createSimploClient({ token, baseUrl: suite.baseUrl(), throwOnError: true });
    const err = await client
      .GET("/api/v0/projects", {
        params: {
          // @ts-expect-error `report_setting` is embeddable on reports, not on projects
          query: { embed: ["client", "report_setting"] },
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnprocessableEntityError);
    const e = err as UnprocessableEntityError<SimploErrorBody>;
    expect(e.status).toBe(422);
    expect(e.operation).toBe("GET /api/v0/projects");
    expect(e.url).toContain("embed=client,report_setting");
    expect(e.body).toMatchObject({ type: "ValidationError" });
    await suite.assertConforms("listProjects", { error: e.body, response: asResponse(422, e.body) });
    expectNoSecrets(e, [token]);
  });

  it("a wrong report hash on the PDF download surfaces as PermissionDeniedError (403) with a conforming body", async () => {
    const client = createSimploClient({ token, baseUrl: suite.baseUrl(), throwOnError: true });
    const wrongHash = "WrongHash0000000000000000000000000000000000000000";
    // Prism cannot know the hash is wrong: ask for the declared 403.
    const err = await downloadReportPdf(client, { report_id: 6, hash: wrongHash }, { headers: { Prefer: "code=403" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionDeniedError);
    const e = err as PermissionDeniedError<SimploErrorBody>;
    expect(e.status).toBe(403);
    expect(e.operation).toBe("GET /api/v0/reports/{report_id}/download-pdf");
    expect(e.body).toMatchObject({ type: "Forbidden", message: "Incorrect hash given." });
    await suite.assertConforms("downloadReportPdf", { error: e.body, response: asResponse(403, e.body) });
    // The hash is a credential: it is masked in the error.
    expectNoSecrets(e, [wrongHash]);
  });
});

describe("Simplo IS: client behaviour", () => {
  it("downloadReportPdf returns the PDF bytes", async () => {
    const client = createSimploClient({ token, baseUrl: suite.baseUrl() });
    const { data, error, response } = await downloadReportPdf(client, { report_id: 6, hash: reportHash });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(error).toBeUndefined();
    // As on every call of the client, `if (error)` narrows `data` (no `!`): this line is the type-level test.
    if (error) throw new Error(`downloadReportPdf answered ${response.status}`);
    expect(data).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(data.subarray(0, 5))).toBe("%PDF-");
    await suite.assertConforms("downloadReportPdf", { data, response });
  });

  it("downloadReportPdf with throwOnError: `data` is the bytes, never undefined", async () => {
    const client = createSimploClient({ token, baseUrl: suite.baseUrl(), throwOnError: true });
    const { data } = await downloadReportPdf(client, { report_id: 6, hash: reportHash });
    const bytes: Uint8Array = data;
    expect(bytes.byteLength).toBeGreaterThan(5);
  });

  it("paginate() walks every page of the reports index once, with the query on each page", async () => {
    const ids = [1, 2, 3, 4, 5];
    const pages = [ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)];
    const bodies: unknown[] = [];
    const server = await fault((req, res) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("page"));
      const body = { items: (pages[page - 1] ?? []).map(report), _meta: { page, total_pages: 3, records: 5, per_page: 2 } };
      bodies.push(body);
      json(res, 200, body);
    });
    const client = createSimploClient({ token, baseUrl: server.baseUrl });
    const items = await client
      .paginate("/api/v0/reports", {
        params: { query: { per_page: 2, sort: "created_at", order: "desc", filter: sentReportsFilter, embed: ["report_setting", "project"] } },
      })
      .toArray();

    expect(items.map((r) => r.id)).toEqual(ids);
    expect(server.requests).toHaveLength(3);
    for (const [i, req] of server.requests.entries()) {
      const q = new URL(req.url, "http://x").searchParams;
      expect(req.method).toBe("GET");
      expect(new URL(req.url, "http://x").pathname).toBe("/api/v0/reports");
      expect(q.get("page")).toBe(String(i + 1));
      expect(q.get("per_page")).toBe("2");
      expect(q.get("filter")).toBe(sentReportsFilter);
      expect(JSON.parse(Buffer.from(q.get("filter")!, "base64").toString())).toEqual({ state: { eq: 2 }, from_at: { gte: "2023-01-01" } });
      expect(req.url).toContain("embed=report_setting,project");
      expect(req.headers.authorization).toBe(`Bearer ${token}`);
    }
    // The hand-made pages are real Simplo pages.
    for (const body of bodies) expect(suite.validator.check("/components/schemas/ReportsCollection", body)).toBeUndefined();
  });

  it("paginate() stops at maxItems", async () => {
    const server = await fault((req, res) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("page"));
      json(res, 200, { items: [report(page * 10 + 1), report(page * 10 + 2)], _meta: { page, total_pages: 3, records: 6, per_page: 2 } });
    });
    const client = createSimploClient({ token, baseUrl: server.baseUrl });
    const items = await client.paginate("/api/v0/reports", { params: { query: { per_page: 2 } } }, { maxItems: 3 }).toArray();
    expect(items.map((r) => r.id)).toEqual([11, 12, 21]);
    expect(server.requests).toHaveLength(2);
  });

  it("getToken is called once for 20 concurrent calls", async () => {
    let calls = 0;
    const getToken = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return token;
    };
    const server = await fault((_req, res) => json(res, 200, report(11)));
    const client = createSimploClient({ getToken, baseUrl: server.baseUrl });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => client.GET("/api/v0/reports/{report_id}", { params: { path: { report_id: 11 } } })),
    );
    expect(results.map((r) => r.response.status)).toEqual(Array(20).fill(200));
    expect(calls).toBe(1);
    expect(server.requests).toHaveLength(20);
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);
  });

  it("getToken is called again after a 401, and the call succeeds with the new token", async () => {
    const tokens = [jwt("user-17-old"), jwt("user-17-new")];
    let calls = 0;
    const server = await fault((req, res) =>
      req.headers.authorization === `Bearer ${tokens[0]}` ? json(res, 401, unauthorized) : json(res, 200, report(11)),
    );
    const client = createSimploClient({ getToken: () => tokens[calls++]!, baseUrl: server.baseUrl, throwOnError: true });
    const { data, response } = await client.GET("/api/v0/reports/{report_id}", { params: { path: { report_id: 11 } } });
    expect(response.status).toBe(200);
    expect(data?.id).toBe(11);
    expect(calls).toBe(2);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(tokens.map((t) => `Bearer ${t}`));
  });

  it("a second 401 after a fresh token becomes AuthenticationError", async () => {
    let calls = 0;
    const server = await fault((_req, res) => json(res, 401, unauthorized));
    const client = createSimploClient({ getToken: () => jwt(`user-17-${++calls}`), baseUrl: server.baseUrl, throwOnError: true });
    const err = await client.GET("/api/v0/reports/{report_id}", { params: { path: { report_id: 11 } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    const e = err as AuthenticationError<SimploErrorBody>;
    expect(e.status).toBe(401);
    expect(e.operation).toBe("GET /api/v0/reports/{report_id}");
    expect(calls).toBe(2);
    expect(server.requests).toHaveLength(2);
    await suite.assertConforms("getReport", { error: e.body, response: asResponse(401, e.body) });
  });

  it("a static token refused with 401 is not retried", async () => {
    const server = await fault((_req, res) => json(res, 401, unauthorized));
    const client = createSimploClient({ token, baseUrl: server.baseUrl, throwOnError: true });
    const err = await client.GET("/api/v0/projects").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).operation).toBe("GET /api/v0/projects");
    expect(server.requests).toHaveLength(1);
    expectNoSecrets(err, [token]);
  });
});
