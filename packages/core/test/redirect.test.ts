import { expectNoSecrets, expectNothingReached, json, redirect, startTwoOrigins, type FaultHandler, type TwoOrigins } from "@specyard/contract-harness";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError, MAX_REDIRECTS, RedirectError, createApiClient, oauth2PasswordGrant, type ApiClientOptions } from "../src/index.js";
import { PASSWORD, TOKEN, queryAuth, withToken, type LooseRoutes } from "./helpers.js";

const API_KEY = "key-7a1b8d3f6e0a5c2d";
const SECRETS = [PASSWORD, TOKEN, API_KEY];

const running: TwoOrigins[] = [];
afterEach(async () => void (await Promise.all(running.splice(0).map((s) => s.close()))));

/** The API (127.0.0.1, token endpoint included) answers with `api`; the other origin (localhost) with `other`. */
async function origins(api: (req: Parameters<FaultHandler>[0], res: Parameters<FaultHandler>[1], other: string) => unknown, other?: FaultHandler) {
  let otherUrl = "";
  const s = await startTwoOrigins(withToken((req, res) => (req.url.startsWith("/tokens?") ? json(res, 200, { token: TOKEN }) : api(req, res, otherUrl))), other);
  otherUrl = s.other.baseUrl;
  running.push(s);
  return s;
}

/** A throwing client against the API origin; `fetch` picks the path: the global fetch (LiteRequest) or a fetch option (Request). */
function client(s: TwoOrigins, extra: Partial<Omit<ApiClientOptions, "throwOnError">> = {}) {
  return createApiClient<LooseRoutes, true>({
    baseUrl: s.api.baseUrl,
    auth: oauth2PasswordGrant({ username: "jane", password: PASSWORD, tokenPath: "/token" }),
    retry: { baseDelayMs: 5, maxDelayMs: 10 },
    ...extra,
    throwOnError: true,
  });
}

const calls = (s: TwoOrigins) => s.api.requests.filter((r) => r.url !== "/token" && !r.url.startsWith("/tokens?"));
const paths = { "global fetch (LiteRequest)": {}, "fetch option (Request)": { fetch: (r: Request) => fetch(r) } } satisfies Record<string, Partial<ApiClientOptions>>;

describe.each(Object.entries(paths))("redirects through the %s", (_, path) => {
  it("to another origin: Authorization, X-Auth-Token, Cookie, Proxy-Authorization and any header holding a secret stay behind", async () => {
    const s = await origins((_req, res, other) => redirect(res, 302, `${other}/files/1`));
    const headers = { Cookie: "session=abc", "Proxy-Authorization": "Basic cHJveHk6cHc=", "X-Forward": `token=${TOKEN}`, "X-Request-Id": "r-42" };
    await client(s, path).GET("/files", { headers });
    await client(s, { ...path, auth: queryAuth(API_KEY) }).GET("/files", { headers });
    expect(calls(s).map((r) => [r.headers.authorization, r.headers["x-auth-token"], r.headers.cookie])).toEqual([
      [`Bearer ${TOKEN}`, undefined, "session=abc"],
      [undefined, TOKEN, "session=abc"],
    ]);
    expect(s.other.requests).toHaveLength(2);
    for (const r of s.other.requests) {
      expect([r.headers.authorization, r.headers["x-auth-token"], r.headers.cookie, r.headers["proxy-authorization"], r.headers["x-forward"]]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      expect(r.headers["x-request-id"]).toBe("r-42");
    }
    expectNothingReached(s.other, SECRETS);
  });

  it("307 re-sends a POST with its body; 302 keeps a PUT and its body (fetch changes only POST)", async () => {
    const s = await origins((req, res, other) => redirect(res, req.method === "PUT" ? 302 : 307, `${other}/moved`));
    await client(s, path).POST("/things", { body: { name: "slab" } });
    await client(s, path).PUT("/things", { body: { name: "beam" } });
    expect(s.other.requests.map((r) => [r.method, r.body, r.headers["content-type"]])).toEqual([
      ["POST", '{"name":"slab"}', "application/json"],
      ["PUT", '{"name":"beam"}', "application/json"],
    ]);
  });

  it("303 turns a POST into a GET without body or content headers; a HEAD stays a HEAD", async () => {
    const s = await origins((_req, res) => (_req.url === "/done" ? json(res, 200, {}) : redirect(res, 303, "/done")));
    await client(s, path).POST("/things", { body: { name: "slab" } });
    await client(s, path).HEAD("/things");
    expect(calls(s).map((r) => [r.method, r.url, r.body, r.headers["content-type"], r.headers.authorization])).toEqual([
      ["POST", "/things", '{"name":"slab"}', "application/json", `Bearer ${TOKEN}`],
      ["GET", "/done", "", undefined, `Bearer ${TOKEN}`],
      ["HEAD", "/things", "", undefined, `Bearer ${TOKEN}`],
      ["HEAD", "/done", "", undefined, `Bearer ${TOKEN}`],
    ]);
  });

  it("credentials dropped on the way to another origin are not restored when a later hop comes back", async () => {
    let api = "";
    const s = await origins(
      (req, res, other) => (req.url === "/back" ? json(res, 200, { back: true }) : redirect(res, 302, `${other}/bounce`)),
      (_req, res) => redirect(res, 302, `${api}/back`),
    );
    api = s.api.baseUrl;
    const { data } = await client(s, path).GET("/start");
    expect(data).toEqual({ back: true });
    expect(calls(s).map((r) => [r.url, r.headers.authorization])).toEqual([
      ["/start", `Bearer ${TOKEN}`],
      ["/back", undefined],
    ]);
  });

  it("refused: a loop past MAX_REDIRECTS, a non-http(s) or unparseable Location, a known secret in another origin's URL, a body with a secret", async () => {
    const s = await origins((req, res, other) => {
      if (req.url.startsWith("/loop")) return redirect(res, 308, `/loop${req.url.length}`);
      if (req.url === "/ftp") return redirect(res, 302, "ftp://files.example/x");
      if (req.url === "/bad") return redirect(res, 302, "http://[not-a-host/x");
      if (req.url === "/leaky") return redirect(res, 302, `${other}/x?copy=${TOKEN}`);
      return redirect(res, 307, `${other}/token`);
    });
    const c = client(s, path);
    const fail = (p: string, init?: { body: Record<string, string> }) => (init ? c.POST(p, init) : c.GET(p)).then(() => undefined, (e: unknown) => e);
    const errs = [await fail("/loop"), await fail("/ftp"), await fail("/bad"), await fail("/leaky"), await fail("/token-proxy", { body: { password: PASSWORD } })];
    for (const err of errs) {
      expect(err).toBeInstanceOf(RedirectError);
      expectNoSecrets(err, SECRETS);
    }
    expect(errs.map((e) => String(e).replace(s.other.baseUrl, "<other>"))).toEqual([
      `RedirectError: GET /loop failed with status 308: more than ${MAX_REDIRECTS} redirects: ${s.api.baseUrl}/loop6`,
      "RedirectError: GET /ftp failed with status 302: Location is not an http(s) URL: ftp://files.example/x",
      "RedirectError: GET /bad failed with status 302: Location is not an http(s) URL",
      "RedirectError: GET /leaky failed with status 302: credentials would leave their origin: <other>/x?copy=[REDACTED]",
      "RedirectError: POST /token-proxy failed with status 307: credentials would leave their origin: <other>/token",
    ]);
    expect(s.api.requests.filter((r) => r.url.startsWith("/loop"))).toHaveLength(MAX_REDIRECTS + 1);
    expect(s.other.requests).toHaveLength(0);
  });

  it("a 3xx without Location, and a 304, are answers, not redirects", async () => {
    const s = await origins((req, res) => {
      res.writeHead(req.url === "/nowhere" ? 302 : 304);
      res.end();
    });
    const c = client(s, path);
    const [found, cached] = [await c.GET("/nowhere").catch((e: unknown) => e), await c.GET("/cached").catch((e: unknown) => e)];
    expect(found).toBeInstanceOf(ApiError);
    expect(found).toMatchObject({ status: 302, operation: "GET /nowhere" });
    expect(cached).toMatchObject({ status: 304, operation: "GET /cached" });
    expect(calls(s)).toHaveLength(2);
  });

  it("retries apply at the redirect target, without credentials and without touching the API again", async () => {
    let n = 0;
    const s = await origins(
      (_req, res, other) => redirect(res, 302, `${other}/flaky`),
      (_req, res) => (++n === 1 ? json(res, 503, { message: "busy" }) : json(res, 200, { ok: true })),
    );
    const { data } = await client(s, path).GET("/files");
    expect(data).toEqual({ ok: true });
    expect(calls(s)).toHaveLength(1);
    expect(s.other.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ["/flaky", undefined],
      ["/flaky", undefined],
    ]);
  });

  it("each redirect is logged, URLs redacted", async () => {
    const s = await origins((req, res, other) => (req.url === "/a" ? redirect(res, 302, `/b?access_token=${TOKEN}`) : redirect(res, 307, `${other}/c?signature=xyz`)));
    const out: string[] = [];
    await client(s, { ...path, logger: { debug: (m) => out.push(m) } }).GET("/a");
    expect(out.filter((l) => l.includes("redirected"))).toEqual([
      `[specyard] GET /a redirected (302) to ${s.api.baseUrl}/b?access_token=[REDACTED]`,
      `[specyard] GET /a redirected (307) to ${s.other.baseUrl}/c?signature=[REDACTED] without credentials`,
    ]);
  });
});

describe("redirects the runtime cannot inspect", () => {
  it("a browser's opaque redirect (type opaqueredirect, status 0) is a RedirectError, never followed", async () => {
    const seen: string[] = [];
    const opaque = async (req: Request) => {
      seen.push(`${req.method} ${req.url} ${req.redirect}`);
      if (req.url.endsWith("/token")) return Response.json({ access_token: TOKEN, expires_in: 3600 });
      // What a browser's fetch answers for `redirect: "manual"`: status 0, no headers, no body.
      return Object.defineProperties(new Response(null), { type: { value: "opaqueredirect" }, status: { value: 0 } });
    };
    const c = createApiClient<LooseRoutes, true>({
      baseUrl: "https://api.example.test",
      fetch: opaque,
      auth: oauth2PasswordGrant({ username: "jane", password: PASSWORD, tokenPath: "/token" }),
      throwOnError: true,
    });
    const err = await c.GET("/files/{id}", { params: { path: { id: "7" } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedirectError);
    expect(err).toMatchObject({ status: 0, operation: "GET /files/{id}", url: "https://api.example.test/files/7" });
    expect(String(err)).toBe("RedirectError: GET /files/{id} failed: opaque redirect (a browser hides its Location)");
    expect(seen).toEqual(["POST https://api.example.test/token manual", "GET https://api.example.test/files/7 manual"]);
  });

  it("a fetch option that follows a redirect itself (ignoring redirect: manual) is a RedirectError, not a silent success", async () => {
    const s = await origins((_req, res, other) => redirect(res, 302, `${other}/files/1`));
    const follows = (r: Request) => fetch(r.url, { method: r.method, headers: r.headers });
    const err = await client(s, { fetch: follows }).GET("/files").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedirectError);
    expect(String(err)).toContain('the fetch option followed a redirect (it must honour redirect: "manual")');
    // What it could not prevent: this fetch forwarded the request, as written, to the other origin.
    expect(s.other.requests).toHaveLength(1);
  });
});
