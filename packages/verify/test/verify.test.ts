// `specyard-verify` against local upstreams: Prism mocks of each spec (faithful), the same behind a
// server that drifts on purpose (a wrong type, a missing required field, an undeclared status, a wrong
// content type), and upstreams that cannot be used. The CLI runs as a user runs it: the built bin, in
// its own process, with credentials in the environment.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startPrism, type PrismServer } from "@specyard/contract-harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(here, "../dist/cli.js");
const work = mkdtempSync(join(tmpdir(), "specyard-verify-"));

const CREDENTIALS: Record<string, Record<string, string>> = {
  endre: { ENDRE_USERNAME: "jane@contractor.example", ENDRE_PASSWORD: "Endre-Pa55word!x" },
  "12build": { TWELVEBUILD_LOGIN: "api-user-12b", TWELVEBUILD_API_KEY: "12b-key-9f8e7d6c5b4a" },
  blikk: { BLIKK_APP_ID: "7c1e4b52-blikk-app-2291", BLIKK_APP_SECRET: "sk_live_Blikk-9Qz!r7Lw3Xv" },
  simplo: { SIMPLO_TOKEN: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzaW1wbG8ifQ.c2ltcGxvLXNpZw" },
};

type Drift = { kind: "type"; pointer: string } | { kind: "drop"; pointer: string } | { kind: "status" } | { kind: "content-type" };
/** Per vendor: four operations (path template → how its answer drifts) and where the report must point. */
const DRIFTS: Record<string, { path: string; operationId: string; drift: Drift; where: string }[]> = {
  endre: [
    { operationId: "getProject", path: "/v1/projects/{project_id}", drift: { kind: "type", pointer: "/Name" }, where: "/Name" },
    { operationId: "getProjectOrganization", path: "/v1/projects/{project_id}/organizations/{project_organization_id}", drift: { kind: "drop", pointer: "/Id" }, where: "/" },
    { operationId: "listProjectCases", path: "/v1/projects/{project_id}/cases", drift: { kind: "status" }, where: "status" },
    { operationId: "listCaseTags", path: "/v1/projects/{project_id}/cases/{case_id}/tags", drift: { kind: "content-type" }, where: "header:content-type" },
  ],
  blikk: [
    { operationId: "getContact", path: "/v1/Core/Contacts/{id}", drift: { kind: "type", pointer: "/name" }, where: "/name" },
    { operationId: "getUser", path: "/v1/Admin/Users/{id}", drift: { kind: "drop", pointer: "/id" }, where: "/" },
    { operationId: "listTaskBoards", path: "/v1/Core/TaskBoards", drift: { kind: "status" }, where: "status" },
    { operationId: "listCountries", path: "/v1/Admin/Countries", drift: { kind: "content-type" }, where: "header:content-type" },
  ],
  "12build": [
    { operationId: "getProject", path: "/project/{projectId}", drift: { kind: "type", pointer: "/name" }, where: "/name" },
    { operationId: "listProjectsByType", path: "/project/list/{type}", drift: { kind: "drop", pointer: "/0/id" }, where: "/0" },
    { operationId: "listDocumentGroups", path: "/project/{projectId}/document/group", drift: { kind: "status" }, where: "status" },
    { operationId: "getRelations", path: "/relation/list", drift: { kind: "content-type" }, where: "header:content-type" },
  ],
  simplo: [
    { operationId: "getProject", path: "/api/v0/projects/{project_id}", drift: { kind: "type", pointer: "/name" }, where: "/name" },
    { operationId: "getReport", path: "/api/v0/reports/{report_id}", drift: { kind: "drop", pointer: "/id" }, where: "/" },
    { operationId: "getPublicReport", path: "/api/v0/reports/{report_id}/public", drift: { kind: "status" }, where: "status" },
    { operationId: "downloadReportPdf", path: "/api/v0/reports/{report_id}/download-pdf", drift: { kind: "content-type" }, where: "header:content-type" },
  ],
};

// A parameter is any segment but `list`: 12Build has the literal `/project/list` beside `/project/{projectId}`.
const templateRegex = (t: string) => new RegExp(`^${t.replace(/\{[^}]+\}/g, "(?!list$)[^/]+")}$`);

/** Applies `drift` to a parsed JSON body at `pointer`: a string becomes a number, or the property goes. */
function mutate(body: unknown, drift: Drift): unknown {
  if (drift.kind !== "type" && drift.kind !== "drop") return body;
  const keys = drift.pointer.split("/").slice(1);
  const last = keys.pop()!;
  const parent = keys.reduce<unknown>((n, k) => (n && typeof n === "object" ? (n as Record<string, unknown>)[k] : undefined), body);
  if (!parent || typeof parent !== "object" || !(last in parent)) throw new Error(`the upstream's answer has nothing at ${drift.pointer}`);
  const obj = parent as Record<string, unknown>;
  if (drift.kind === "drop") delete obj[last];
  else obj[last] = 12345;
  return body;
}

interface Upstream {
  url: string;
  /** `METHOD /path` of every request that reached it. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * What a test upstream does instead of forwarding: its own answer, a reset connection (`"reset"`), or no
 * answer at all (`"silence"`). `seen` counts this method and path's requests so far, this one included.
 */
type Override = (path: string, seen: number) => { status: number; body: string } | "reset" | "silence" | undefined;

/** A server in front of `target` that forwards everything, records it, and drifts the answers of `drifts`. */
async function upstream(target: string, drifts: (typeof DRIFTS)[string] = [], override?: Override): Promise<Upstream> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`test upstream failed: ${e.message}`);
    });
  });
  const handle = async (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = new URL(req.url!, "http://x").pathname;
    const request = `${req.method} ${path}`;
    requests.push(request);
    const forced = override?.(path, requests.filter((r) => r === request).length);
    if (forced === "reset") return void req.socket.destroy();
    if (forced === "silence") return;
    if (forced) {
      res.writeHead(forced.status, { "content-type": "application/json" });
      return res.end(forced.body);
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length"].includes(k)) as [string, string][]);
    const forward = () => fetch(`${target}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    // The stand-in's own hop to the mock must not fail a run: a keep-alive connection the mock closed just then is tried once more.
    const answer = await forward().catch(forward);
    const rule = drifts.find((d) => templateRegex(d.path).test(path));
    let body = Buffer.from(await answer.arrayBuffer());
    let status = answer.status;
    let type = answer.headers.get("content-type") ?? "application/json";
    if (rule && answer.ok) {
      if (rule.drift.kind === "status") status = 202;
      else if (rule.drift.kind === "content-type") type = "text/plain";
      else body = Buffer.from(JSON.stringify(mutate(JSON.parse(body.toString()), rule.drift)));
    }
    res.writeHead(status, { "content-type": type });
    res.end(body);
  };
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  // Closing also drops the connections still waiting on a silent answer.
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => (server.close(() => r()), server.closeAllConnections())) };
}

interface Run {
  code: number | null;
  out: string;
  report?: { vendor: string; specVersion: string; operations: { operationId: string; reached: boolean; status?: number; reason?: string; violations: { where: string; message: string }[]; assumed: boolean }[]; drift: number };
  reportText: string;
}

function verify(args: string[], env: Record<string, string>): Promise<Run> {
  const reportFile = join(work, `report-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args, "--report", reportFile], { env: { PATH: process.env.PATH ?? "", ...env }, cwd: work });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => {
      let reportText = "";
      try {
        reportText = readFileSync(reportFile, "utf8");
      } catch {
        // no report: the run could not start
      }
      done({ code, out, reportText, report: reportText ? JSON.parse(reportText) : undefined });
    });
  });
}

/** Secrets the run knows: the credentials, their Basic form, and the tokens Prism hands out. */
function expectNothingSecret(vendor: string, text: string) {
  const creds = Object.values(CREDENTIALS[vendor]!);
  const basic = vendor === "blikk" ? [Buffer.from(`${creds[0]}:${creds[1]}`).toString("base64")] : [];
  for (const secret of [...creds.filter((c) => !/^(jane@|api-user|7c1e4b52)/.test(c)), ...basic]) expect(text).not.toContain(secret);
}

// One Prism mock per vendor's spec for the whole file, started side by side.
const mocks = new Map<string, PrismServer>();
beforeAll(async () => {
  await Promise.all(Object.keys(DRIFTS).map(async (vendor) => mocks.set(vendor, await startPrism(resolve(here, `../../${vendor}/openapi.json`), [], 120_000))));
}, 240_000);
afterAll(async () => {
  await Promise.all([...mocks.values()].map((p) => p.stop()));
});

// One vendor at a time; its three runs side by side (each has its own proxy and upstream).
describe.each(Object.keys(DRIFTS))("specyard-verify %s", (vendor) => {
  let mock: PrismServer;
  const env = () => ({ ...CREDENTIALS[vendor]! });
  beforeAll(() => {
    mock = mocks.get(vendor)!;
  });

  it.concurrent("a faithful upstream (Prism serving the spec): exit 0, no drift, only GETs and the token request", async () => {
    const up = await upstream(mock.baseUrl);
    try {
      const run = await verify([vendor, "--base-url", up.url], env());
      expect(run.code, run.out).toBe(0);
      expect(run.report?.drift, run.out).toBe(0);
      expect(run.report?.vendor).toBe(vendor);
      expect(run.report?.operations.filter((o) => o.reached).length).toBeGreaterThanOrEqual(5);
      expect(run.out).toMatch(/operations reached, drift 0/);
      const writes = up.requests.filter((r) => !r.startsWith("GET ") && !/^POST \/(token|v1\/Auth\/Token)$/.test(r));
      expect(writes).toEqual([]);
      expectNothingSecret(vendor, run.out + run.reportText);
    } finally {
      await up.close();
    }
  });

  it.concurrent("a drifted upstream: exit 1, the report names exactly the four drifted operations and their locations", async () => {
    const drifts = DRIFTS[vendor]!;
    // Each drift names a real GET operation of the spec at its path.
    const spec = JSON.parse(readFileSync(resolve(here, `../../${vendor}/openapi.json`), "utf8")) as { paths: Record<string, { get?: { operationId?: string } }> };
    for (const d of drifts) expect(spec.paths[d.path]?.get?.operationId, d.path).toBe(d.operationId);
    const up = await upstream(mock.baseUrl, drifts);
    try {
      const run = await verify([vendor, "--base-url", up.url], env());
      expect(run.code, run.out).toBe(1);
      const drifted = run.report!.operations.filter((o) => o.violations.length).map((o) => o.operationId).sort();
      expect(drifted, run.out).toEqual(drifts.map((d) => d.operationId).sort());
      for (const d of drifts) {
        const op = run.report!.operations.find((o) => o.operationId === d.operationId)!;
        expect(op.violations.map((v) => v.where), `${d.operationId}: ${JSON.stringify(op.violations)}`).toContain(d.where);
      }
      expect(run.report!.drift).toBe(run.report!.operations.reduce((n, o) => n + o.violations.length, 0));
      // Locations and types, never the values the upstream sent.
      expect(run.reportText).not.toContain("12345");
      expect(run.out).toMatch(/violation/);
      expect(up.requests.filter((r) => !r.startsWith("GET ") && !/^POST \/(token|v1\/Auth\/Token)$/.test(r))).toEqual([]);
      expectNothingSecret(vendor, run.out + run.reportText);
    } finally {
      await up.close();
    }
  });

  it.concurrent("--only limits the run to the named operations", async () => {
    const first = DRIFTS[vendor]![0]!;
    const run = await verify([vendor, "--base-url", mock.baseUrl, "--only", first.operationId], env());
    expect(run.report?.operations.map((o) => o.operationId)).toEqual([first.operationId]);
    // Alone, a detail operation has no list to take its id from: reported as not reached, with the reason.
    const op = run.report!.operations[0]!;
    if (!op.reached) expect(JSON.stringify(op)).toMatch(/no value for path parameter/);
  });
});

// Prism's proxy answers a 500 of its own when the upstream resets the connection: that is no answer
// from the API, so no drift. Endre: the lists first, then each case's children (ids from the lists).
describe("specyard-verify when the upstream gives no answer for some operations", () => {
  const CASE = "/v1/projects/[^/]+/cases/[^/]+";
  const FAULTS: { operationId: string; path: RegExp; fault: (seen: number) => "reset" | "silence" | undefined }[] = [
    { operationId: "listCaseTags", path: new RegExp(`^${CASE}/tags$`), fault: (seen) => (seen === 1 ? "reset" : undefined) },
    { operationId: "listCaseInvoices", path: new RegExp(`^${CASE}/invoices$`), fault: () => "reset" },
    { operationId: "listCaseRelations", path: new RegExp(`^${CASE}/relations$`), fault: () => "silence" },
  ];
  let run: Run;
  let up: Upstream;
  beforeAll(async () => {
    up = await upstream(mocks.get("endre")!.baseUrl, [], (path, seen) => FAULTS.find((f) => f.path.test(path))?.fault(seen));
    run = await verify(["endre", "--base-url", up.url, "--timeout", "10"], CREDENTIALS.endre!);
  }, 120_000);
  afterAll(() => up?.close());
  const result = (operationId: string) => run.report!.operations.find((o) => o.operationId === operationId)!;
  const sent = (path: RegExp) => up.requests.filter((r) => r.startsWith("GET ") && path.test(r.slice(4))).length;

  it("no drift is reported for them: exit 0, drift 0, every other list and detail checked", () => {
    expect(run.code, run.out).toBe(0);
    expect(run.report!.drift, run.out).toBe(0);
    // Not reached for another reason than the two faults: only where the crawl had no value to fill in.
    const notReached = run.report!.operations.filter((o) => !o.reached && !/^no value for/.test(o.reason ?? ""));
    expect(notReached.map((o) => o.operationId).sort(), run.out).toEqual(["listCaseInvoices", "listCaseRelations"]);
    expect(run.report!.operations.filter((o) => o.reached).length).toBeGreaterThanOrEqual(8);
  });

  it("a connection reset once: the GET is sent again and the operation is checked", () => {
    expect(sent(FAULTS[0]!.path)).toBe(2);
    expect(result("listCaseTags"), run.out).toMatchObject({ reached: true, status: 200, violations: [] });
  });

  it("a connection reset every time: sent twice, then not reached, with the reason", () => {
    expect(sent(FAULTS[1]!.path)).toBe(2);
    expect(result("listCaseInvoices"), run.out).toMatchObject({ reached: false, violations: [] });
    expect(result("listCaseInvoices").reason).toMatch(/^Prism's proxy got no answer from the upstream \(.*socket hang up.*\); tried twice$/);
    expect(run.out).toMatch(/listCaseInvoices +– +not reached: Prism's proxy got no answer/);
  });

  it("no answer at all: not reached once --timeout has passed, with the reason", () => {
    expect(result("listCaseRelations"), run.out).toMatchObject({ reached: false, violations: [] });
    expect(result("listCaseRelations").reason).toMatch(/no answer within 10000 ms/);
  });
});

describe("specyard-verify cannot run", () => {
  it("an upstream that resets every GET: nothing could be checked, exit 2, the report says why for each operation", async () => {
    // The token request (POST /token) passes: the credentials work, no GET is answered.
    const up = await upstream(mocks.get("endre")!.baseUrl, [], (path) => (path === "/token" ? undefined : "reset"));
    try {
      const run = await verify(["endre", "--base-url", up.url], CREDENTIALS.endre!);
      expect(run.code, run.out).toBe(2);
      expect(run.out).toMatch(/nothing could be checked/);
      expect(run.report!.operations.filter((o) => o.reached)).toEqual([]);
      expect(run.report!.drift).toBe(0);
      expectNothingSecret("endre", run.out + run.reportText);
    } finally {
      await up.close();
    }
  });

  it("names each missing credential variable, exit 2", async () => {
    const run = await verify(["blikk"], { BLIKK_APP_ID: "x" });
    expect(run.code).toBe(2);
    expect(run.out).toContain("BLIKK_APP_SECRET");
    expect(run.report).toBeUndefined();
  });

  it("Simplo without a host: names SIMPLO_BASE_URL, exit 2", async () => {
    const run = await verify(["simplo"], { SIMPLO_TOKEN: "t0ken-value" });
    expect(run.code).toBe(2);
    expect(run.out).toContain("SIMPLO_BASE_URL");
  });

  it("an unreachable host: exit 2, says it could not reach it", async () => {
    const run = await verify(["endre", "--base-url", "http://127.0.0.1:9"], CREDENTIALS.endre!);
    expect(run.code, run.out).toBe(2);
    expect(run.out).toMatch(/could not reach endre/);
    expectNothingSecret("endre", run.out);
  });

  it("refused credentials: exit 2, no secret in the output", async () => {
    const up = await upstream("http://127.0.0.1:9", [], () => ({ status: 401, body: JSON.stringify({ detail: "Incorrect username or password" }) }));
    try {
      const run = await verify(["endre", "--base-url", up.url], CREDENTIALS.endre!);
      expect(run.code, run.out).toBe(2);
      expect(run.out).toMatch(/AuthenticationError|401/);
      expectNothingSecret("endre", run.out);
    } finally {
      await up.close();
    }
  });
});
