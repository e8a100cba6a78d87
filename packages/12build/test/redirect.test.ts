import { expectNoSecrets, expectNothingReached, json, redirect, redirectSuite, startTwoOrigins, type TwoOrigins } from "@specyard/contract-harness";
import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationError, PermissionDeniedError, RedirectError, create12BuildClient, formDataBody } from "../src/index.js";

const credentials = { login: "api-user@bouwbedrijf-jansen.nl", apiKey: "9f2c4e7a1b8d3f6e0a5c2d9b7e4f1a3c" };
const TOKEN = "5756cbe60ac41227b718df64f0ae9b5f2c76607b3a889066339f7cfdd241dccf";
const secrets = [credentials.apiKey, credentials.login, TOKEN];
const isToken = (url: string) => url.startsWith("/tokens?");
const tokenAnswer = { token: TOKEN, expireDate: String(Math.floor(Date.now() / 1000) + 3600) };

redirectSuite({
  vendor: "12Build",
  client: (baseUrl, settings) => create12BuildClient({ ...credentials, ...settings, baseUrl, retry: false, throwOnError: true }),
  token: { operation: "GET /tokens", is: (req) => isToken(req.url), answer: (res) => json(res, 200, tokenAnswer) },
  credential: { header: "x-auth-token", value: TOKEN },
  get: { operation: "GET /project/list", call: (c) => c.GET("/project/list") },
  post: {
    operation: "POST /documents/groups/{documentGroupId}/{phaseId}/{fileName}",
    call: (c) =>
      c.POST("/documents/groups/{documentGroupId}/{phaseId}/{fileName}", {
        params: { path: { documentGroupId: "7654321", phaseId: "123456", fileName: "bestek.pdf" } },
        body: { file_contents: new Blob(["%PDF-1.4 bestek"], { type: "application/pdf" }) },
        bodySerializer: formDataBody,
      }),
    bodyMark: "%PDF-1.4 bestek",
  },
  secrets,
  errors: { RedirectError, AuthenticationError },
});

describe("12Build: downloads redirected to a storage host", () => {
  const running: TwoOrigins[] = [];
  afterEach(async () => void (await Promise.all(running.splice(0).map((s) => s.close()))));
  const pdfBytes = "%PDF-1.4\n%%EOF\n";

  /** The API answers downloads with a 302 to a presigned URL on the other origin. */
  async function storage(other: Parameters<typeof startTwoOrigins>[1]) {
    let otherUrl = "";
    const s = await startTwoOrigins(
      (req, res) => (isToken(req.url) ? json(res, 200, tokenAnswer) : redirect(res, 302, `${otherUrl}/bucket${req.url}?X-Amz-Expires=60&X-Amz-Signature=abc123`)),
      other,
    );
    otherUrl = s.other.baseUrl;
    running.push(s);
    return { s, client: create12BuildClient({ ...credentials, baseUrl: s.api.baseUrl, retry: false, throwOnError: true }) };
  }

  it("getFile and getMessagePdf: a presigned URL on another origin gets the bytes, and no token, key or login", async () => {
    const { s, client } = await storage((_req, res) => {
      res.writeHead(200, { "content-type": "application/pdf", "content-length": pdfBytes.length });
      res.end(pdfBytes);
    });
    const file = await client.GET("/file/{documentType}/{documentId}", { params: { path: { documentType: "attachment", documentId: "6448805" } }, parseAs: "arrayBuffer" });
    const pdf = await client.GET("/message/{messageId}/pdf", { params: { path: { messageId: "445566" } }, parseAs: "arrayBuffer" });
    expect(new TextDecoder().decode(file.data)).toBe(pdfBytes);
    expect(new TextDecoder().decode(pdf.data)).toBe(pdfBytes);
    expect(s.other.requests.map((r) => r.url)).toEqual([
      "/bucket/file/attachment/6448805?X-Amz-Expires=60&X-Amz-Signature=abc123",
      "/bucket/message/445566/pdf?X-Amz-Expires=60&X-Amz-Signature=abc123",
    ]);
    expect(s.other.requests.map((r) => r.headers["x-auth-token"])).toEqual([undefined, undefined]);
    // The API itself saw the token on both calls.
    expect(s.api.requests.filter((r) => !isToken(r.url)).map((r) => r.headers["x-auth-token"])).toEqual([TOKEN, TOKEN]);
    expectNothingReached(s.other, secrets);
  });

  it("a storage host that wants credentials: its 403 is a PermissionDeniedError naming the download", async () => {
    const { s, client } = await storage((_req, res) => json(res, 403, { message: "Request has expired" }));
    const err = await client.GET("/message/{messageId}/pdf", { params: { path: { messageId: "445566" } }, parseAs: "arrayBuffer" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect(err).toMatchObject({
      operation: "GET /message/{messageId}/pdf",
      status: 403,
      // The presigned URL's signature is a credential too: masked.
      url: `${s.other.baseUrl}/bucket/message/445566/pdf?X-Amz-Expires=60&X-Amz-Signature=[REDACTED]`,
    });
    expect(String(err)).toContain("Request has expired");
    expectNothingReached(s.other, secrets);
    expectNoSecrets(err, secrets);
  });
});
