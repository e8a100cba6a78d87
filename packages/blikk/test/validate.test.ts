import { json, startFaultServer, type FaultHandler, type FaultServer } from "@specyard/contract-harness";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidResponseError, ResponseValidationError, createBlikkClient, type Drift } from "../src/index.js";
import { responses } from "../src/validate.js";
import spec from "../openapi.json" with { type: "json" };

/** The documented user, and the same user with personal data where the spec does not expect it. */
const user = spec.paths["/v1/Admin/Users/{id}"].get.responses["200"].content["application/json"].examples.docExample.value;
const SECRET = "19800101-1234 (a personal number)";
const drifted = { ...user, id: SECRET, address: 42, timeBankEnabled: undefined, nickname: "x" };

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Blikk on 127.0.0.1: the token exchange, then `api` for everything else. */
async function blikk(api: FaultHandler) {
  const s = await startFaultServer((req, res, n) => {
    if (req.url === "/v1/Auth/Token") return json(res, 200, { objectName: "auth.token", accessToken: "tok", expires: "2099-01-01 00:00:00 +00:00" });
    return api(req, res, n);
  });
  servers.push(s);
  return s;
}

const options = (s: FaultServer) => ({ appId: "app", appSecret: "app-secret", baseUrl: s.baseUrl, allowInsecureHttp: true, rateLimit: false as const, retry: false as const });

describe("response validation, report mode", () => {
  it("calls onDrift once per drifted answer, by field, with no value of the answer; the call returns as usual", async () => {
    const s = await blikk((_req, res) => json(res, 200, drifted));
    const drifts: Drift[] = [];
    const client = createBlikkClient({ ...options(s), validate: { responses, mode: "report", onDrift: (d) => drifts.push(d) } });
    const { data, error } = await client.GET("/v1/Admin/Users/{id}", { params: { path: { id: 1 } } });
    expect(error).toBeUndefined();
    expect(data?.id).toBe(SECRET);
    expect(drifts).toHaveLength(1);
    const [drift] = drifts;
    expect(drift?.operation).toBe("GET /v1/Admin/Users/{id}");
    expect(drift?.status).toBe(200);
    const byPointer = Object.fromEntries((drift?.problems ?? []).map((p) => [`${p.pointer} ${p.keyword}`, p]));
    expect(Object.keys(byPointer).sort()).toEqual(["/address type", "/id type", "/timeBankEnabled required"]);
    expect(byPointer["/id type"]).toMatchObject({ message: "expected integer", assumed: false });
    // UserDetail.address is marked x-assumed in the spec: this drift meets a guess.
    expect(byPointer["/address type"]).toMatchObject({ message: "expected object or null", assumed: true });
    expect(JSON.stringify(drifts)).not.toContain("19800101");
  });

  it("says nothing of a conforming answer", async () => {
    const s = await blikk((_req, res) => json(res, 200, user));
    const drifts: Drift[] = [];
    const client = createBlikkClient({ ...options(s), validate: { responses, onDrift: (d) => drifts.push(d) } });
    expect((await client.GET("/v1/Admin/Users/{id}", { params: { path: { id: 1 } } })).data).toEqual(user);
    expect(drifts).toEqual([]);
  });

  it("default onDrift: one logger.warn line, without values", async () => {
    const s = await blikk((_req, res) => json(res, 200, drifted));
    const warnings: string[] = [];
    const client = createBlikkClient({ ...options(s), logger: { warn: (m) => warnings.push(m) }, validate: { responses } });
    await client.GET("/v1/Admin/Users/{id}", { params: { path: { id: 1 } } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/GET \/v1\/Admin\/Users\/\{id\} 200: .*\/id type/);
    expect(warnings[0]).not.toContain("19800101");
  });

  it("an undeclared status is a drift with keyword status; an error body is checked against the spec's error schema", async () => {
    const s = await blikk((req, res) => (req.url.includes("/Users/1") ? json(res, 418, { teapot: true }) : json(res, 401, { unexpected: 1 })));
    const drifts: Drift[] = [];
    const client = createBlikkClient({ ...options(s), validate: { responses, onDrift: (d) => drifts.push(d) } });
    const teapot = await client.GET("/v1/Admin/Users/{id}", { params: { path: { id: 1 } } });
    expect(teapot.response.status).toBe(418);
    expect(drifts[0]?.problems).toEqual([expect.objectContaining({ pointer: "", keyword: "status" })]);
    expect(drifts[0]?.problems[0]?.message).toMatch(/418 is not declared/);
  });

  it("a body that is not JSON where JSON is declared is a drift (keyword json), then the usual InvalidResponseError", async () => {
    const s = await blikk((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>"));
    const drifts: Drift[] = [];
    const client = createBlikkClient({ ...options(s), validate: { responses, onDrift: (d) => drifts.push(d) } });
    await expect(client.GET("/v1/Admin/Users/{id}", { params: { path: { id: 1 } } })).rejects.toBeInstanceOf(InvalidResponseError);
    expect(drifts).toEqual([{ operation: "GET /v1/Admin/Users/{id}", status: 200, problems: [expect.objectContaining({ keyword: "json" })] }]);
  });

  it("bytes are not validated (parseAs: arrayBuffer)", async () => {
    const s = await blikk((_req, res) => res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.4"));
    const drifts: Drift[] = [];
    const client = createBlikkClient({ ...options(s), validate: { responses, mode: "throw", onDrift: (d) => drifts.push(d) } });
    const { data } = await client.GET("/v1/Core/Tasks/{taskId}/Attachments/{attachmentId}/Download", {
      params: { path: { taskId: 1, attachmentId: 2 } },
      parseAs: "arrayBuffer",
    });
    expect(data?.byteLength).toBe(8);
    expect(drifts).toEqual([]);
  });
});

describe("response validation, throw mode", () => {
  it("a drifted answer becomes a ResponseValidationError in { error }, with .drift and no value in its message", async () => {
    const s = await blikk((_req, res) => json(res, 200, drifted));
    const client = createBlikkClient({ ...options(s), validate: { responses, mode: "throw" } });
    const { data, error } = await client.GET("/v1/Admin/Users/{id}", { params: { path: { id: 1 } } });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(ResponseValidationError);
    const e = error as unknown as ResponseValidationError;
    expect(e.drift.problems.map((p) => p.pointer).sort()).toEqual(["/address", "/id", "/timeBankEnabled"]);
    expect(e.message).toMatch(/GET \/v1\/Admin\/Users\/\{id\} answered 200/);
    expect(e.message).not.toContain("19800101");
  });

  it("is thrown with throwOnError", async () => {
    const s = await blikk((_req, res) => json(res, 200, drifted));
    const client = createBlikkClient({ ...options(s), throwOnError: true, validate: { responses, mode: "throw" } });
    await expect(client.GET("/v1/Admin/Users/{id}", { params: { path: { id: 1 } } })).rejects.toBeInstanceOf(ResponseValidationError);
  });
});

describe("the validators", () => {
  it("an operation the spec does not have is not checked; a status without a JSON body is not checked", () => {
    expect(responses.check("GET /v1/Nowhere", 200, { any: 1 })).toBeUndefined();
    expect(responses.check("GET /v1/Admin/Users/{id}", 404, "<html>")).toBeUndefined();
  });
});
