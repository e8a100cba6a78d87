import { createServer } from "node:http";

export const TOKEN = "tok_shared_0123456789abcdef";
export const TOKEN_PATH = "/v1/Auth/Token";

/**
 * Blikk's limit read strictly, on loopback: a request arriving within `windowMs` of `limit` earlier
 * requests (any path, refused ones included) gets a 429 with Blikk's `waitInSeconds` body. The token
 * endpoint answers an hour-long token and counts its requests; with `renewAfter`, the first token is
 * refused (401) once that many calls have used it, and a second token is issued from then on.
 */
export async function startStrictServer(o: { limit?: number; windowMs?: number } = {}) {
  const limit = o.limit ?? 4;
  const windowMs = o.windowMs ?? 1000;
  const log: { at: number; path: string; status: number }[] = [];
  let tokenRequests = 0;
  let revoked = "";
  const server = createServer((req, res) => {
    const at = performance.now();
    const path = (req.url ?? "").split("?")[0] ?? "";
    req.resume();
    const reply = (status: number, body: unknown) => {
      log.push({ at, path, status });
      res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    };
    const recent = log.filter((e) => at - e.at < windowMs);
    const oldest = recent[recent.length - limit];
    if (oldest) return reply(429, { message: "Too many requests", waitInSeconds: Math.ceil(windowMs - (at - oldest.at)) / 1000 });
    if (path === TOKEN_PATH) {
      tokenRequests++;
      const expires = new Date(Date.now() + 3_600_000).toISOString().replace("T", " ").replace(/\.\d+Z$/, " +00:00");
      return reply(200, { objectName: "auth.token", accessToken: `${TOKEN}-${tokenRequests}`, expires });
    }
    if (req.headers.authorization === `Bearer ${revoked}` || !req.headers.authorization?.startsWith(`Bearer ${TOKEN}`)) {
      return reply(401, { message: "Unauthorized" });
    }
    reply(200, { objectName: "generic.pagedlist", page: 1, pageSize: 0, itemCount: 0, totalItemCount: 0, totalPages: 0, items: [] });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    limit,
    windowMs,
    tokenRequests: () => tokenRequests,
    /** From now on the server refuses `token` with a 401 (a revoked token). */
    revoke: (token: string) => {
      revoked = token;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Requests per second achieved over the run, as a share of the limit (1.0 = every slot used). `lagMs`, what
 * the machine's timers lost over the same run (`lagProbe`), is taken off the span: no limiter is quicker.
 */
export function utilisation(server: { log: { at: number }[]; limit: number; windowMs: number }, from = 0, lagMs = 0): number {
  const seen = server.log.slice(from);
  const span = (seen[seen.length - 1]?.at ?? 0) - (seen[0]?.at ?? 0) - lagMs;
  return span > 0 ? ((seen.length - server.limit) / span) * (server.windowMs / server.limit) : 0;
}
