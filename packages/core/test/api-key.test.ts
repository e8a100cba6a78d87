// apiKeyAuth: an API key in a header or in the query (OpenAPI `type: apiKey`), against local servers.
// The query key is a credential like the others: masked in errors, never sent to another origin.
import { expectNoSecrets, expectNothingReached, json, redirect, startTwoOrigins, type FaultHandler, type TwoOrigins } from "@specyard/contract-harness";
import { afterEach, describe, expect, it } from "vitest";
import { NotFoundError, RedirectError, apiKeyAuth, createApiClient, type ApiClientOptions } from "../src/index.js";
import type { LooseRoutes } from "./helpers.js";

const KEY = "key-3f9a1c7e5b2d";

const running: TwoOrigins[] = [];
afterEach(async () => void (await Promise.all(running.splice(0).map((s) => s.close()))));

async function origins(api: (req: Parameters<FaultHandler>[0], res: Parameters<FaultHandler>[1], other: string) => unknown) {
  let otherUrl = "";
  const s = await startTwoOrigins((req, res) => api(req, res, otherUrl));
  otherUrl = s.other.baseUrl;
  running.push(s);
  return s;
}

const client = (s: TwoOrigins, where: "header" | "query", extra: Partial<ApiClientOptions> = {}) =>
  createApiClient<LooseRoutes, true>({ baseUrl: s.api.baseUrl, auth: apiKeyAuth({ key: KEY, in: where, name: where === "query" ? "api_key" : "X-API-Key" }), retry: false, ...extra, throwOnError: true });

const paths = { "global fetch (LiteRequest)": {}, "fetch option (Request)": { fetch: (r: Request) => fetch(r) } } satisfies Record<string, Partial<ApiClientOptions>>;

describe.each(Object.entries(paths))("apiKeyAuth through the %s", (_, path) => {
  it("in: query adds the key to the query beside the call's own parameters, and no header; in: header sets the header", async () => {
    const s = await origins((_req, res) => json(res, 200, { ok: true }));
    await client(s, "query", path).GET("/items", { params: { query: { page: 2 } } });
    await client(s, "header", path).POST("/items", { body: { name: "slab" } });
    expect(s.api.requests.map((r) => [r.method, r.url, r.headers["x-api-key"], r.body])).toEqual([
      ["GET", `/items?page=2&api_key=${KEY}`, undefined, ""],
      ["POST", "/items", KEY, '{"name":"slab"}'],
    ]);
  });

  it("an anonymous call goes without the key; a 401 is final (the key does not change), its error masks the key", async () => {
    const s = await origins((req, res) => (req.url.includes(KEY) ? json(res, 401, { message: `bad key ${KEY}` }) : json(res, 200, {})));
    await client(s, "query", path).GET("/public", { anonymous: true });
    const err = await client(s, "query", path).GET("/items").catch((e: unknown) => e);
    expect(s.api.requests.map((r) => r.url)).toEqual(["/public", `/items?api_key=${KEY}`]);
    expect(err).toMatchObject({ status: 401, operation: "GET /items" });
    expectNoSecrets(err, [KEY]);
  });

  it("a 404's error shows the URL with the key masked", async () => {
    const s = await origins((_req, res) => json(res, 404, { message: "no such item" }));
    const err = await client(s, "query", path).GET("/items/{id}", { params: { path: { id: 7 } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).url).toMatch(/\/items\/7\?api_key=/);
    expectNoSecrets(err, [KEY]);
  });

  it("a redirect to another origin is followed without the key; one whose Location carries the key is refused", async () => {
    const s = await origins((req, res, other) => (req.url.startsWith("/moved") ? redirect(res, 302, `${other}/files/1`) : redirect(res, 302, `${other}/files/1?api_key=${KEY}`)));
    expect((await client(s, "query", path).GET("/moved")).data).toEqual({ from: "other" });
    const err = await client(s, "query", path).GET("/leaky").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedirectError);
    expect((err as RedirectError).message).toMatch(/credentials would leave their origin/);
    expectNoSecrets(err, [KEY]);
    expect(s.other.requests.map((r) => r.url)).toEqual(["/files/1"]);
    expectNothingReached(s.other, [KEY]);
  });

  it("a same-origin redirect keeps the key on the next hop", async () => {
    const s = await origins((req, res) => (req.url.startsWith("/old") ? redirect(res, 301, "/new") : json(res, 200, {})));
    await client(s, "query", path).GET("/old");
    expect(s.api.requests.map((r) => r.url)).toEqual([`/old?api_key=${KEY}`, `/new?api_key=${KEY}`]);
  });
});
