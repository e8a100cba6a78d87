// @ts-check
/**
 * Rate-limit utilisation: `requests` calls through `@specyard/blikk` (its default limiter, 4 per second)
 * against a server that answers 429 to any request arriving within one second of four others.
 *
 * The client first gets its token and makes one call, then waits until both its limiter window and
 * the server's are empty, and then fires all requests at once (the limiter queues them). The achieved
 * rate is measured at the server, from the arrival of the first to the arrival of the last request:
 * with a perfect limiter, `limit` requests arrive every `windowMs`, so
 * `rate = (requests - limit) / (last - first)` and `utilisation = rate / limit` (1.0 = every slot used).
 */
import { createBlikkClient } from "@specyard/blikk";
import { APP_ID, APP_SECRET, startRateLimitedServer } from "./servers.mjs";

const PATH = "/v1/Core/Contacts";

/** @param {{ requests?: number }} [o] */
export async function runRateLimit(o = {}) {
  const requests = o.requests ?? 60;
  const server = await startRateLimitedServer({ limit: 4, windowMs: 1000 });
  try {
    // A fresh app id per run: the limiter is shared per app and base URL.
    const client = createBlikkClient({ appId: `${APP_ID}-${Date.now()}`, appSecret: APP_SECRET, baseUrl: server.url });
    const warm = await client.GET(PATH, { params: { query: { page: 1 } } });
    if (!warm.response.ok) throw new Error(`warm-up call failed with ${warm.response.status}`);
    await new Promise((r) => setTimeout(r, server.windowMs + 300));
    const from = server.log.length;

    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: requests }, () => client.GET(PATH, { params: { query: { page: 1 } } })));
    const wallMs = performance.now() - t0;

    const seen = server.log.slice(from);
    const api = seen.filter((e) => e.path === PATH);
    const first = api[0]?.at ?? 0;
    const last = api[api.length - 1]?.at ?? 0;
    const spanMs = last - first;
    const rate = spanMs > 0 ? (requests - server.limit) / (spanMs / 1000) : 0;
    return {
      requests,
      limit: server.limit,
      windowMs: server.windowMs,
      ok: results.filter((r) => r.response.ok).length,
      serverRequests: seen.length,
      tooManyRequests: seen.filter((e) => e.status === 429).length,
      spanMs: Math.round(spanMs),
      wallMs: Math.round(wallMs),
      requestsPerSecond: Math.round(rate * 1000) / 1000,
      utilisation: Math.round((rate / server.limit) * 1000) / 1000,
    };
  } finally {
    await server.close();
  }
}
