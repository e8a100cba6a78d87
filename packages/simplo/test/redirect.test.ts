import { redirectSuite } from "@specyard/contract-harness";
import { AuthenticationError, RedirectError, createSimploClient } from "../src/index.js";

const TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJzaW1wbG8ifQ.c2ltcGxvLXJlZGlyZWN0";
const approvalHash = "xACuGpAo8GZF4kHHuKBj6MsqoHcsTX5Et73ZTvVgF77khjbn";

redirectSuite({
  vendor: "Simplo",
  client: (baseUrl, settings) => createSimploClient({ token: TOKEN, ...settings, baseUrl, retry: false, throwOnError: true }),
  credential: { header: "authorization", value: `Bearer ${TOKEN}` },
  get: { operation: "GET /api/v0/reports/{report_id}", call: (c) => c.GET("/api/v0/reports/{report_id}", { params: { path: { report_id: 11 } } }) },
  post: {
    operation: "POST /api/v0/reports/{report_id}/approved",
    call: (c) => c.POST("/api/v0/reports/{report_id}/approved", { params: { path: { report_id: 6 } }, body: { hash: approvalHash } }),
    bodyMark: approvalHash,
    // The report hash is a credential of the call: a 307/308 to another origin is refused.
    bodyIsCredential: true,
  },
  secrets: [TOKEN],
  errors: { RedirectError, AuthenticationError },
});
