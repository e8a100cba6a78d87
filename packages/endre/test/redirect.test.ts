import { json, redirectSuite } from "@specyard/contract-harness";
import { AuthenticationError, RedirectError, createEndreClient } from "../src/index.js";

const credentials = { username: "api@harbour-builders.example", password: "Endre-pass-7Hq!x2Lr" };
const TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJyZWRpcmVjdCJ9.c2lnbmF0dXJlLWVuZHJl";

redirectSuite({
  vendor: "Endre",
  client: (baseUrl, settings) => createEndreClient({ ...credentials, ...settings, baseUrl, retry: false, throwOnError: true }),
  token: {
    operation: "POST /token",
    is: (req) => req.url === "/token",
    answer: (res) => json(res, 200, { access_token: TOKEN, token_type: "bearer", expires_in: 3600 }),
  },
  credential: { header: "authorization", value: `Bearer ${TOKEN}` },
  get: { operation: "GET /v1/projects", call: (c) => c.GET("/v1/projects") },
  post: {
    operation: "POST /v1/projects",
    call: (c) => c.POST("/v1/projects", { params: { query: { project_name: "Harbour Offices", organization_id: "5b0d7c3e-1f2a-4b6c-8d9e-0a1b2c3d4e5f" } } }),
  },
  secrets: [credentials.password, TOKEN],
  errors: { RedirectError, AuthenticationError },
});
