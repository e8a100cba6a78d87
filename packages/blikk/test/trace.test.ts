import { expectNoSecretsIn, json, memoryTracer, startFaultServer, type FaultServer } from "@specyard/contract-harness";
import { afterEach, describe, expect, it } from "vitest";
import { createBlikkClient } from "../src/index.js";

const credentials = { appId: "3f9a1c2e-blikk-trace-app", appSecret: "sk_live_Blikk-Trace-4Rq!z8Pn" };
const basic = btoa(`${credentials.appId}:${credentials.appSecret}`);
const TOKEN = "pk_7e2a9c41-trace.pa_0b5d3f86-blikk";
/** `SpanKind.CLIENT` of @opentelemetry/api. */
const CLIENT = 2;

let server: FaultServer | undefined;
afterEach(async () => void (await server?.close()));

describe("Blikk: tracing", () => {
  it("a call that meets one 429: one CLIENT span with the HTTP attributes, resend_count 1, a token-exchange child span, no credential anywhere", async () => {
    server = await startFaultServer((req, res, n) => {
      if (req.url === "/v1/Auth/Token") return json(res, 200, { accessToken: TOKEN, expires: new Date(Date.now() + 3_600_000).toISOString() });
      // Blikk's 429 names its wait in the body.
      if (n === 2) return json(res, 429, { message: `Too many requests for ${req.headers.authorization}`, waitInSeconds: 0.05 });
      return json(res, 200, { id: 32, name: "Harbour Builders" });
    });
    const t = memoryTracer();
    const client = createBlikkClient({ ...credentials, baseUrl: server.baseUrl, tracer: t.tracer });
    const { data } = await client.GET("/v1/Core/Contacts/{id}", { params: { path: { id: 32 } } });
    expect(data).toMatchObject({ id: 32 });

    const spans = t.spans();
    const calls = spans.filter((s) => s.name === "GET /v1/Core/Contacts/{id}");
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call).toMatchObject({
      kind: CLIENT,
      attributes: {
        "http.request.method": "GET",
        "url.template": "/v1/Core/Contacts/{id}",
        "url.full": `${server.baseUrl}/v1/Core/Contacts/32`,
        "server.address": "127.0.0.1",
        "server.port": Number(new URL(server.baseUrl).port),
        "http.response.status_code": 200,
        "http.request.resend_count": 1,
        "specyard.vendor": "blikk",
        "specyard.operation": "getContact",
      },
    });
    expect(call!.events.filter((e) => e.name === "specyard.retry").map((e) => e.attributes)).toEqual([{ "specyard.retry.reason": "rate limited (429)", "specyard.wait_ms": 50 }]);

    const tokens = spans.filter((s) => s.name === "POST /v1/Auth/Token");
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ kind: CLIENT, traceId: call!.traceId, parentSpanId: call!.spanId, attributes: { "http.response.status_code": 200, "specyard.vendor": "blikk", "specyard.operation": "createAccessToken" } });
    expect(spans).toHaveLength(2);
    expectNoSecretsIn({ spans: t.text() }, [credentials.appSecret, basic, TOKEN]);
  });
});
