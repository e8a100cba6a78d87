import { json, redirectSuite } from "@specyard/contract-harness";
import { AuthenticationError, RedirectError, createBlikkClient, type components } from "../src/index.js";

const credentials = { appId: "7c1e4b52-blikk-app-2291", appSecret: "sk_live_Blikk-9Qz!r7Lw3Xv" };
const basic = Buffer.from(`${credentials.appId}:${credentials.appSecret}`).toString("base64");
const TOKEN = "pk_3b9d2f4a-redirect.pa_8e1c7a65-blikk";
const task: components["schemas"]["TaskInput"] = { title: "Pour foundation slab", isCompleted: false };

redirectSuite({
  vendor: "Blikk",
  client: (baseUrl, settings) => createBlikkClient({ ...credentials, ...settings, baseUrl, rateLimit: false, retry: false, throwOnError: true }),
  token: {
    operation: "POST /v1/Auth/Token",
    is: (req) => req.url === "/v1/Auth/Token",
    answer: (res) => json(res, 200, { accessToken: TOKEN, expires: new Date(Date.now() + 3_600_000).toISOString() }),
  },
  credential: { header: "authorization", value: `Bearer ${TOKEN}` },
  get: { operation: "GET /v1/Core/Contacts/{id}", call: (c) => c.GET("/v1/Core/Contacts/{id}", { params: { path: { id: 32 } } }) },
  post: { operation: "POST /v1/Core/Tasks", call: (c) => c.POST("/v1/Core/Tasks", { body: task }), bodyMark: "Pour foundation slab" },
  secrets: [credentials.appSecret, basic, TOKEN],
  errors: { RedirectError, AuthenticationError },
});
