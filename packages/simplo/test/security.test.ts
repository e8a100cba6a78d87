import { fileURLToPath } from "node:url";
import { securitySuite } from "@specyard/contract-harness";
import { ConfigurationError, createSimploClient } from "../src/index.js";

const TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJzaW1wbG8ifQ.c2ltcGxvLXNlY3VyaXR5";

securitySuite({
  vendor: "Simplo",
  specFile: fileURLToPath(new URL("../openapi.json", import.meta.url)),
  scheme: "bearerAuth",
  client: (baseUrl) => createSimploClient({ token: TOKEN, baseUrl }),
  clientWithout: (baseUrl) => createSimploClient({ baseUrl }),
  secrets: [TOKEN],
  ConfigurationError,
});
