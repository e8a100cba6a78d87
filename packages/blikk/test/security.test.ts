import { fileURLToPath } from "node:url";
import { securitySuite } from "@specyard/contract-harness";
import { ConfigurationError, createBlikkClient } from "../src/index.js";

const credentials = { appId: "7c1e4b52-blikk-app-2291", appSecret: "sk_live_Blikk-9Qz!r7Lw3Xv" };

securitySuite({
  vendor: "Blikk",
  specFile: fileURLToPath(new URL("../openapi.json", import.meta.url)),
  scheme: "bearerAuth",
  client: (baseUrl) => createBlikkClient({ ...credentials, baseUrl, rateLimit: false }),
  secrets: [credentials.appSecret, Buffer.from(`${credentials.appId}:${credentials.appSecret}`).toString("base64")],
  ConfigurationError,
});
