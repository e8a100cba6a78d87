// In a real browser (headless Chromium) a `redirect: "manual"` answer is opaque: status 0, no Location.
// The runtime cannot tell where it points, so it refuses it with a RedirectError instead of following
// with credentials. The page loads @specyard/core's built dist from the API origin (127.0.0.1); the
// API answers a call with a 302 to another origin (localhost), which must receive nothing.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ROOT } from "../lib/specs.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TOKEN = "tok_browser_5f2b8c7e9a1d";
/** Core's dist is served whole under /core/ (its entry imports chunks split off beside it). */
const CORE_DIST = join(ROOT, "packages/core/dist");
const files: Record<string, string> = {
  "/openapi-fetch.js": join(ROOT, "packages/core/node_modules/openapi-fetch/dist/index.mjs"),
};
/** The page calls `/files/1` (302 to the other origin) and `/here` (302 within the origin) and writes what came of each into #out. */
const page = `<!doctype html>
<script type="importmap">{ "imports": { "openapi-fetch": "/openapi-fetch.js" } }</script>
<pre id="out"></pre>
<script type="module">
  import { createApiClient, oauth2PasswordGrant } from "/core/index.js";
  const client = createApiClient({
    baseUrl: location.origin,
    auth: oauth2PasswordGrant({ username: "jane", password: "browser-Secret-Pass-1", tokenPath: "/token" }),
    throwOnError: true,
    retry: false,
  });
  const attempt = (path) => client.GET(path).then(() => "followed", (e) => ({ name: e.name, status: e.status, operation: e.operation, message: e.message }));
  const outcome = [await attempt("/files/1"), await attempt("/here")];
  document.getElementById("out").textContent = JSON.stringify(outcome);
</script>`;

let browser: Browser;
const servers: Server[] = [];
const otherRequests: string[] = [];
const apiRequests: string[] = [];
let api = "";
let other = "";

async function listen(server: Server, host: string): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return `http://${host}:${port}`;
}

beforeAll(async () => {
  other = await listen(
    createServer((req, res) => {
      otherRequests.push(`${req.method} ${req.url} ${req.headers.authorization ?? "-"}`);
      res.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
      res.end('{"from":"other"}');
    }),
    "localhost",
  );
  api = await listen(
    createServer((req, res) => {
      apiRequests.push(`${req.method} ${req.url} ${req.headers.authorization ?? "-"}`);
      const chunk = /^\/core\/([\w-]+\.js)$/.exec(req.url ?? "")?.[1];
      const file = chunk ? join(CORE_DIST, chunk) : files[req.url ?? ""];
      if (file) return res.writeHead(200, { "content-type": "text/javascript" }).end(readFileSync(file));
      if (req.url === "/") return res.writeHead(200, { "content-type": "text/html" }).end(page);
      if (req.url === "/token") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: TOKEN, expires_in: 3600 }));
      if (req.url === "/files/1") return res.writeHead(302, { location: `${other}/storage/file.pdf` }).end();
      if (req.url === "/here") return res.writeHead(302, { location: "/there" }).end();
      res.writeHead(404).end(); // favicon.ico, and /there if it were ever followed

    }),
    "127.0.0.1",
  );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) s.closeAllConnections(), s.close();
});

it("a redirect in a browser is a RedirectError (status 0, naming the operation); nothing reaches the other origin", async () => {
  const tab = await browser.newPage();
  await tab.goto(`${api}/`);
  const out = tab.locator("#out");
  await out.filter({ hasText: "[" }).waitFor();
  const outcome: unknown = JSON.parse((await out.textContent()) ?? "null");
  await tab.close();
  const refused = (operation: string) => ({ name: "RedirectError", status: 0, operation, message: `${operation} failed: opaque redirect (a browser hides its Location)` });
  expect(outcome).toEqual([refused("GET /files/1"), refused("GET /here")]);
  expect(otherRequests).toEqual([]);
  expect(apiRequests.filter((r) => !/^GET \/(core\/[\w-]+\.js|openapi-fetch\.js|favicon\.ico)? /.test(r))).toEqual([
    "POST /token -",
    `GET /files/1 Bearer ${TOKEN}`,
    `GET /here Bearer ${TOKEN}`,
  ]);
});
