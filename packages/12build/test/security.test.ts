import { fileURLToPath } from "node:url";
import { securitySuite } from "@specyard/contract-harness";
import { ConfigurationError, create12BuildClient } from "../src/index.js";

const credentials = { login: "api-user@bouwbedrijf-jansen.nl", apiKey: "9f2c4e7a1b8d3f6e0a5c2d9b7e4f1a3c" };

securitySuite({
  vendor: "12Build",
  specFile: fileURLToPath(new URL("../openapi.json", import.meta.url)),
  scheme: "AuthToken",
  client: (baseUrl) => create12BuildClient({ ...credentials, baseUrl }),
  secrets: [credentials.apiKey, credentials.login],
  ConfigurationError,
});
