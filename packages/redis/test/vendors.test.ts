import { createServer } from "node:http";
import { create12BuildClient } from "@specyard/12build";
import { describe, expect, it } from "vitest";
import { createRedisStore } from "../src/index.js";
import { redisForFile } from "./redis-server.js";

const API_KEY = "twelve-Api-Key-never-in-redis-42";
const LOGIN = "jan@example.com";

const redis = redisForFile();

/** 12Build on loopback: `GET /tokens?login&apiKey` issues a token (counted), `X-Auth-Token` is required elsewhere. */
async function startTwelveBuild() {
  let tokenRequests = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    res.setHeader("Content-Type", "application/json");
    if (url.pathname === "/tokens") {
      tokenRequests++;
      const ok = url.searchParams.get("login") === LOGIN && url.searchParams.get("apiKey") === API_KEY;
      return res.writeHead(ok ? 200 : 401).end(JSON.stringify(ok ? { token: `twelve-token-${tokenRequests}`, expireDate: Math.floor(Date.now() / 1000) + 3600 } : {}));
    }
    if (!req.headers["x-auth-token"]?.toString().startsWith("twelve-token-")) return res.writeHead(401).end("{}");
    res.writeHead(200).end("[]");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    tokenRequests: () => tokenRequests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("12Build on a shared store", () => {
  it("three clients (as three processes) share one token; neither the API key nor the login is in Redis", async () => {
    const server = await startTwelveBuild();
    const store = createRedisStore(redis.admin(), { prefix: "twelve:" });
    try {
      const clients = [0, 1, 2].map(() => create12BuildClient({ login: LOGIN, apiKey: API_KEY, baseUrl: server.url, store }));
      const results = await Promise.all(clients.flatMap((c) => [c.GET("/project/list"), c.GET("/project/list")]));
      expect(results.map((r) => r.response.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(server.tokenRequests()).toBe(1);

      const keys = await redis.admin().keys("twelve:*");
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key).toMatch(/^twelve:12build:[\w-]{22}:(limit|pause|token|lock)$/);
        const value = (await redis.admin().type(key)) === "string" ? await redis.admin().get(key) : JSON.stringify(await redis.admin().zrange(key, 0, -1));
        for (const secret of [API_KEY, encodeURIComponent(API_KEY), LOGIN, encodeURIComponent(LOGIN)]) {
          expect(`${key} ${value}`).not.toContain(secret);
        }
      }
      expect(await redis.admin().get(keys.find((k) => k.endsWith(":token")) ?? "")).toContain("twelve-token-1");
    } finally {
      await server.close();
    }
  });
});
