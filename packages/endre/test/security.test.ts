import { fileURLToPath } from "node:url";
import { securitySuite } from "@specyard/contract-harness";
import { ConfigurationError, createEndreClient } from "../src/index.js";

const credentials = { username: "api@harbour-builders.example", password: "Endre-pass-7Hq!x2Lr" };

securitySuite({
  vendor: "Endre",
  specFile: fileURLToPath(new URL("../openapi.json", import.meta.url)),
  scheme: "oauth2Password",
  client: (baseUrl) => createEndreClient({ ...credentials, baseUrl }),
  secrets: [credentials.password],
  ConfigurationError,
});
