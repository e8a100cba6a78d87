import { expectNoSecrets, expectNothingReached, json, redirect, startFaultServer, startTwoOrigins, type FaultServer, type TwoOrigins } from "@specyard/contract-harness";
import { afterEach, describe, expect, it } from "vitest";
import { NotFoundError, RedirectError, createSimploClient, downloadReportPdf } from "../src/index.js";

const TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJzaW1wbG8ifQ.c2ltcGxvLWhhc2g";
const HASH = "GyhrUFdG84Buc9EVVHqvkJevxATxs6KLVwipvXS07jdSqa5vaPiSJZip2o4U21QP";
const APPROVAL = "xACuGpAo8GZF4kHHuKBj6MsqoHcsTX5Et73ZTvVgF77khjbn";

const running: (FaultServer | TwoOrigins)[] = [];
afterEach(async () => void (await Promise.all(running.splice(0).map((s) => s.close()))));

/** A server that answers every call with a 404 echoing the request (as a careless server would). */
async function echoing() {
  const s = await startFaultServer((req, res) => json(res, 404, { type: "error", message: `report with hash ${req.url} ${req.body} not found`, id: 1 }));
  running.push(s);
  return s;
}

describe("the report hash is a credential of the call that carries it", () => {
  it("an error that echoes the hash (query: public view, PDF download): masked in message, body, URL and log lines", async () => {
    const s = await echoing();
    const lines: string[] = [];
    const logger = { debug: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(m) };
    const client = createSimploClient({ token: TOKEN, baseUrl: s.baseUrl, throwOnError: true, logger });
    const err = await client.GET("/api/v0/reports/{report_id}/public", { params: { path: { report_id: 5 }, query: { hash: HASH } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).message).toContain("[REDACTED]");
    expectNoSecrets(err, [HASH, TOKEN], lines);
    const pdf = await downloadReportPdf(client, { report_id: 5, hash: HASH }).catch((e: unknown) => e);
    expect(pdf).toBeInstanceOf(NotFoundError);
    expectNoSecrets(pdf, [HASH, TOKEN], lines);
  });

  it("an error that echoes the hash of an approval (JSON body): masked", async () => {
    const s = await echoing();
    const client = createSimploClient({ token: TOKEN, baseUrl: s.baseUrl, throwOnError: true });
    const err = await client.POST("/api/v0/reports/{report_id}/approved", { params: { path: { report_id: 6 } }, body: { hash: APPROVAL } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expectNoSecrets(err, [APPROVAL, TOKEN]);
  });

  it("an approval answered by a 307 to another origin: refused (RedirectError), the hash never reaches it", async () => {
    for (const status of [307, 308]) {
      const s = await startTwoOrigins((_req, res) => redirect(res, status, `${s.other.baseUrl}/approve`));
      running.push(s);
      const client = createSimploClient({ token: TOKEN, baseUrl: s.api.baseUrl, throwOnError: true, retry: false });
      const err = await client.POST("/api/v0/reports/{report_id}/approved", { params: { path: { report_id: 6 } }, body: { hash: APPROVAL } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RedirectError);
      expect((err as RedirectError).message).toContain("credentials would leave their origin");
      expect(s.other.requests).toHaveLength(0);
      expectNothingReached(s.other, [APPROVAL, TOKEN]);
      expectNoSecrets(err, [APPROVAL, TOKEN]);
    }
  });

  it("one call's hash is not another call's secret: a call without it shows its own text", async () => {
    const s = await echoing();
    const client = createSimploClient({ token: TOKEN, baseUrl: s.baseUrl, throwOnError: true });
    await client.GET("/api/v0/reports/{report_id}/public", { params: { path: { report_id: 5 }, query: { hash: HASH } } }).catch(() => {});
    const err = await client.GET("/api/v0/reports/{report_id}", { params: { path: { report_id: 5 } } }).catch((e: unknown) => e);
    expect((err as NotFoundError).message).toContain("/api/v0/reports/5");
  });
});
