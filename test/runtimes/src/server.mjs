// A loopback stand-in for the four vendors, small enough for every runtime's smoke run:
// token endpoints, one list and one detail per vendor, a 429 that asks for a 1 s wait, a 404, a
// slow answer to abort. It answers CORS so the browser page (another origin) can call it.
import { createServer } from "node:http";

export const TOKENS = { endre: "tok-endre-5f1c", "12build": "tok-12build-77aa", blikk: "tok-blikk-93d2", simplo: "tok-simplo-e4b0" };
const ITEMS = [1, 2, 3, 4, 5].map((id) => ({ id, name: `Item ${id}` }));

/** Each vendor: its token request, how a request carries the token, its list and detail paths, its list body. */
const VENDORS = {
  endre: {
    token: (req) => req.method === "POST" && req.path === "/token" && { access_token: TOKENS.endre, token_type: "bearer", expires_in: 3600 },
    authorized: (req) => req.headers.authorization === `Bearer ${TOKENS.endre}`,
    list: "/v1/projects",
    detail: /^\/v1\/projects\/([^/]+)$/,
    item: (id) => ({ Id: id, Name: `Project ${id}` }),
    page: () => ITEMS.map((i) => ({ Id: i.id, Name: i.name })),
  },
  "12build": {
    token: (req) => req.method === "GET" && req.path === "/tokens" && { token: TOKENS["12build"], expireDate: Math.floor(Date.now() / 1000) + 3600 },
    authorized: (req) => req.headers["x-auth-token"] === TOKENS["12build"],
    list: "/project/list",
    detail: /^\/project\/([^/]+)$/,
    item: (id) => ({ id, name: `Project ${id}` }),
    page: (items) => items,
  },
  blikk: {
    token: (req) => req.method === "POST" && req.path === "/v1/Auth/Token" && { accessToken: TOKENS.blikk, expires: new Date(Date.now() + 3_600_000).toISOString() },
    authorized: (req) => req.headers.authorization === `Bearer ${TOKENS.blikk}`,
    list: "/v1/Core/Contacts",
    detail: /^\/v1\/Core\/Contacts\/([^/]+)$/,
    item: (id) => ({ id, name: `Contact ${id}` }),
    page: (items, page, size) => ({ page, pageSize: size, totalPages: Math.ceil(ITEMS.length / size), totalItemCount: ITEMS.length, items }),
  },
  simplo: {
    token: () => false,
    authorized: (req) => req.headers.authorization === `Bearer ${TOKENS.simplo}`,
    list: "/api/v0/projects",
    detail: /^\/api\/v0\/projects\/([^/]+)$/,
    item: (id) => ({ id, name: `Project ${id}` }),
    page: (items, page, size) => ({ items, _meta: { page, total_pages: Math.ceil(ITEMS.length / size), records: ITEMS.length, per_page: size } }),
  },
};

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "*",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-expose-headers": "retry-after",
};

/**
 * Serves `/<vendor>/...` for the four vendors, and `pages` (path → [content type, body]) for the
 * browser runtime. `seen` counts the token requests per vendor.
 */
export async function startVendorServer(pages = {}) {
  const seen = { tokens: { endre: 0, "12build": 0, blikk: 0, simplo: 0 } };
  const limited = new Set();
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { ...CORS, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.method === "OPTIONS") return send(204);
    if (pages[url.pathname]) {
      const [type, body] = pages[url.pathname];
      res.writeHead(200, { "content-type": type });
      return res.end(body);
    }
    const [, name, ...rest] = url.pathname.split("/");
    const vendor = VENDORS[name];
    if (!vendor) return send(404, { detail: "no such vendor" });
    const r = { method: req.method, path: `/${rest.join("/")}`, headers: req.headers, query: url.searchParams };
    req.resume();
    req.on("end", () => {
      const token = vendor.token(r);
      if (token) {
        seen.tokens[name]++;
        return send(200, token);
      }
      if (!vendor.authorized(r)) return send(401, { detail: "Not authenticated" });
      if (r.method === "GET" && r.path === vendor.list) {
        const page = Number(r.query.get("page") ?? 1);
        const size = Number(r.query.get("pageSize") ?? r.query.get("per_page") ?? ITEMS.length);
        return send(200, vendor.page(ITEMS.slice((page - 1) * size, page * size), page, size));
      }
      const id = vendor.detail.exec(r.path)?.[1];
      if (r.method !== "GET" || id === undefined) return send(404, { detail: "Not Found" });
      if (id === "404") return send(404, { detail: "Not Found", message: "No such item" });
      if (id === "slow") return setTimeout(() => !res.destroyed && send(200, vendor.item(0)), 5000);
      // Ids from 4290 up answer 429 once (Retry-After: 1), then the item.
      if (Number(id) >= 4290 && !limited.has(`${name}:${id}`)) {
        limited.add(`${name}:${id}`);
        return send(429, { message: "Too many requests", waitInSeconds: 1 }, { "retry-after": "1" });
      }
      return send(200, vendor.item(Number(id)));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { port, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}
