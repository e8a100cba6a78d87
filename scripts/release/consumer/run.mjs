// Runs the compiled program.ts against every vendor's `./mock` handlers (imported with the msw
// that npm resolved) in one MSW server: no network.
import { setupServer } from "msw/node";
import { handlers as twelveHandlers } from "@specyard/12build/mock";
import { handlers as blikkHandlers } from "@specyard/blikk/mock";
import { handlers as endreHandlers } from "@specyard/endre/mock";
import { createHandlers as simploHandlers } from "@specyard/simplo/mock";

globalThis.SIMPLO_URL = "https://is.example.com";
const server = setupServer(...endreHandlers, ...blikkHandlers, ...twelveHandlers, ...simploHandlers({ baseUrl: globalThis.SIMPLO_URL }));
server.listen({ onUnhandledRequest: "error" });
try {
  await import("./out/program.js");
} finally {
  server.close();
}
