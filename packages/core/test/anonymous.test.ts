import { describe, expect, it } from "vitest";
import { basicTokenExchange, createApiClient } from "../src/index.js";

const SECRET = "anon-test-Secret-42";

/** A fetch stub that records requests and answers the token endpoint and one API path. */
function stub() {
  const seen: { url: string; authorization: string | null }[] = [];
  const fetch = async (req: Request) => {
    seen.push({ url: new URL(req.url).pathname, authorization: req.headers.get("authorization") });
    const body = req.url.endsWith("/token") ? { token: "tok_1234567890", expires: "2099-01-01 00:00:00 +00:00" } : { ok: true };
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  };
  const client = createApiClient<any>({
    baseUrl: "https://api.example.test",
    fetch,
    retry: false,
    auth: basicTokenExchange({ appId: "app", appSecret: SECRET, tokenPath: "/token", tokenField: "token", expiresField: "expires" }),
  });
  return { client, seen };
}

describe("anonymous calls (withOptions({ anonymous: true }))", () => {
  it("sends no credentials and obtains no token; the call's own Authorization header is kept", async () => {
    const { client, seen } = stub();
    const { response } = await client.withOptions({ anonymous: true }).POST("/token", { headers: { Authorization: "Basic xyz" } });
    expect(response.status).toBe(200);
    expect(seen).toEqual([{ url: "/token", authorization: "Basic xyz" }]);
  });

  it("without a header: nothing at all", async () => {
    const { client, seen } = stub();
    await client.withOptions({ anonymous: true }).GET("/public", {});
    expect(seen).toEqual([{ url: "/public", authorization: null }]);
  });

  it("does not change the original client, which still authenticates", async () => {
    const { client, seen } = stub();
    client.withOptions({ anonymous: true });
    await client.GET("/things", {});
    expect(seen.map((s) => s.url)).toEqual(["/token", "/things"]);
    expect(seen[1]!.authorization).toBe("Bearer tok_1234567890");
  });
});
