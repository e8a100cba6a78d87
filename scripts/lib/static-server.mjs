// A tiny static file server (node:http) for the built site: used by `pnpm start` and the browser test.
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".yaml": "text/yaml; charset=utf-8",
};

/**
 * Serves `dir` on 127.0.0.1. `transform(relPath, buffer)` may rewrite a file on its way out (e.g. to
 * inject live data into index.html). `port: 0` picks any free port; otherwise the first free one from
 * `port` up (at most `tries` ports).
 * @param {{ dir: string, port?: number, tries?: number, host?: string, transform?: (rel: string, body: Buffer) => Buffer | string }} options
 * @returns {Promise<{ server: import("node:http").Server, port: number, url: string, close(): Promise<void> }>}
 */
export async function serveStatic({ dir, port = 0, tries = 50, host = "127.0.0.1", transform }) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      res.writeHead(400).end("bad request");
      return;
    }
    if (rel.endsWith("/")) rel += "index.html";
    const file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end("forbidden");
      return;
    }
    let stat;
    try {
      stat = statSync(file);
    } catch {
      stat = null;
    }
    if (stat?.isDirectory() && existsSync(join(file, "index.html"))) {
      res.writeHead(301, { Location: `${rel.replace(/\/?$/, "/")}` }).end();
      return;
    }
    if (!stat?.isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`not found: ${rel}\n`);
      return;
    }
    const headers = {
      "Content-Type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
    };
    const relPath = file.slice(root.length + 1).split(sep).join("/");
    if (transform) {
      const out = transform(relPath, readFileSync(file));
      if (out !== undefined && out !== null) {
        const body = Buffer.isBuffer(out) ? out : Buffer.from(out);
        res.writeHead(200, { ...headers, "Content-Length": body.length });
        res.end(req.method === "HEAD" ? undefined : body);
        return;
      }
    }
    res.writeHead(200, { ...headers, "Content-Length": stat.size });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });

  const listen = (p) =>
    new Promise((resolvePromise, reject) => {
      const onError = (err) => {
        server.removeListener("listening", onListening);
        reject(err);
      };
      const onListening = () => {
        server.removeListener("error", onError);
        resolvePromise(server.address().port);
      };
      server.once("error", onError);
      server.once("listening", onListening);
      server.listen(p, host);
    });

  let bound;
  for (let i = 0; ; i++) {
    try {
      bound = await listen(port === 0 ? 0 : port + i);
      break;
    } catch (err) {
      if (err.code !== "EADDRINUSE" || port === 0 || i + 1 >= tries) throw err;
    }
  }
  return {
    server,
    port: bound,
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections?.();
      }),
  };
}

/** Whether `port` is free on `host` right now. */
export function portIsFree(port, host = "127.0.0.1") {
  return new Promise((resolvePromise) => {
    const srv = createNetServer();
    srv.once("error", () => resolvePromise(false));
    srv.listen(port, host, () => srv.close(() => resolvePromise(true)));
  });
}

/** The first free port from `start` up, skipping `taken`. */
export async function firstFreePort(start, taken = new Set(), tries = 100) {
  for (let p = start; p < start + tries; p++) {
    if (taken.has(p)) continue;
    if (await portIsFree(p)) return p;
  }
  throw new Error(`no free port in ${start}-${start + tries - 1}`);
}
