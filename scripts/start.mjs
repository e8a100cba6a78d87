#!/usr/bin/env node
// `pnpm start`: serves the built docs site (site/, from `pnpm build`) on http://127.0.0.1:8080 (or the
// next free port) and runs a Prism mock server per API on 4010, 4011, ... (or the next free ports),
// then prints where everything is, with a curl per API that works with a dummy token.
// Ctrl-C (SIGINT) or SIGTERM stops the server and every Prism process.
//
//   pnpm start [--dynamic] [--verbose] [--docs-port N] [--mock-port N]
//     --dynamic    Prism generates random data from the schemas instead of serving the examples (-d)
//     --verbose    pass Prism's full log through (default: one line per request)
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { MANIFEST, PRISM_BIN, ROOT, SITE_DIR, curlFor, findVendorPackage, listApis } from "./lib/specs.mjs";
import { firstFreePort, serveStatic } from "./lib/static-server.mjs";

const { values: args } = parseArgs({
  options: {
    dynamic: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
    "docs-port": { type: "string", default: process.env.DOCS_PORT ?? "8080" },
    "mock-port": { type: "string", default: process.env.MOCK_PORT ?? "4010" },
    help: { type: "boolean", short: "h", default: false },
  },
  allowPositionals: true,
  strict: false,
});
if (args.help) {
  console.log("usage: pnpm start [--dynamic] [--verbose] [--docs-port 8080] [--mock-port 4010]");
  process.exit(0);
}

const rel = (p) => relative(ROOT, p) || ".";

if (!existsSync(join(SITE_DIR, "index.html"))) {
  console.error("specyard start: site/ is missing. Run `pnpm build` first (it renders the docs), then `pnpm start`.");
  process.exit(1);
}

/** The manifest of the built site, or a minimal stand-in from redocly.yaml. */
function loadSiteApis() {
  try {
    return JSON.parse(readFileSync(join(SITE_DIR, MANIFEST), "utf8")).apis;
  } catch {
    return listApis().map((a) => ({ name: a.name, label: a.name, page: `${a.name}.html`, sample: null }));
  }
}

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of readdirSync(path)) max = Math.max(max, newestMtime(join(path, e)));
  return max;
}

/** packages/<vendor>/openapi.json when built, else the spec itself. */
function specFor(api) {
  const source = listApis().find((a) => a.name === api.name);
  const pkg = findVendorPackage(api.name);
  if (pkg?.bundledSpec) {
    let stale = false;
    try {
      stale = source && statSync(pkg.bundledSpec).mtimeMs + 1000 < newestMtime(join(source.file, ".."));
    } catch {}
    return { file: pkg.bundledSpec, note: stale ? "older than the spec: `pnpm build` refreshes it" : "" };
  }
  if (source) return { file: source.file, note: "" };
  return null;
}

const prisms = [];
let stopping = false;

function startPrism(api, spec, port) {
  const argv = [PRISM_BIN, "mock", "-h", "127.0.0.1", "-p", String(port), ...(args.dynamic ? ["-d"] : []), spec.file];
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  const entry = { api, port, child, url: `http://127.0.0.1:${port}`, log: "", ready: false, spec };
  prisms.push(entry);
  const tag = `[${api.name}]`;
  let pending = null;
  let buf = "";
  const onLine = (line) => {
    entry.log = (entry.log + line + "\n").slice(-50_000);
    if (!entry.ready) return;
    if (args.verbose) return void console.log(`${tag} ${line}`);
    const req = line.match(/\[HTTP SERVER\]\s+(\w+)\s+(\S+)\s+.*Request received/);
    if (req) pending = `${req[1].toUpperCase()} ${req[2]}`;
    const err = line.match(/✖\s+error\s+(.*)$/);
    if (err && !/^Violation: /.test(err[1])) console.log(`${tag}   ${err[1].trim()}`);
    const done = line.match(/> Responding with "(\d+)"/);
    if (done && pending) {
      console.log(`${tag} ${pending} → ${done[1]}`);
      pending = null;
    }
  };
  const onData = (b) => {
    buf += b.toString();
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  // "close" (not "exit"): Prism's last words on stderr (e.g. EADDRINUSE) have been read by then.
  entry.exited = new Promise((r) => child.once("close", (code, signal) => r({ code, signal })));
  entry.started = new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within 60 s`)), 60_000);
    child.stdout.on("data", () => {
      if (!entry.ready && /Prism is listening/.test(entry.log)) {
        entry.ready = true;
        clearTimeout(timer);
        resolvePromise();
      }
    });
    entry.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      if (!entry.ready) reject(new Error(`Prism exited (${signal ?? `code ${code}`}) before it listened`));
      else if (!stopping) console.error(`${tag} Prism stopped unexpectedly (${signal ?? `code ${code}`}); the other servers keep running.`);
    });
  });
  return entry;
}

async function stopAll(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  console.log("\nspecyard start: stopping the docs server and the mock servers…");
  const closing = docs?.close();
  await Promise.all(
    prisms.map(async (p) => {
      if (p.child.exitCode !== null || p.child.signalCode !== null) return;
      p.child.kill("SIGTERM");
      const t = setTimeout(() => p.child.kill("SIGKILL"), 3000);
      await p.exited;
      clearTimeout(t);
    }),
  );
  await Promise.race([closing, new Promise((r) => setTimeout(r, 1000))]);
  console.log("specyard start: stopped.");
  process.exit(exitCode);
}

let docs = null;
let interrupts = 0;
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    if (++interrupts > 1) {
      for (const p of prisms) p.child.kill("SIGKILL");
      process.exit(130);
    }
    void stopAll(0);
  });
}
// `pnpm start` runs this under pnpm and a shell; a SIGTERM sent to pnpm alone ends pnpm but is not
// passed on. When the parent goes away, stop too, so no Prism is left behind.
const parentAtStart = process.ppid;
setInterval(() => {
  if (process.ppid !== parentAtStart) {
    console.log("specyard start: the parent process exited.");
    void stopAll(0);
  }
}, 1000).unref();
// Last resort (an exception, process.exit elsewhere): no Prism outlives this process.
process.on("exit", () => {
  for (const p of prisms) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
});

const apis = loadSiteApis();
const mocks = {};
docs = await serveStatic({
  dir: SITE_DIR,
  port: Number(args["docs-port"]),
  transform: (path, body) => {
    if (path !== "index.html" || !Object.keys(mocks).length) return null;
    const data = JSON.stringify(mocks).replace(/</g, "\\u003c");
    return body.toString("utf8").replace("</head>", `<script>window.SPECYARD_MOCKS = ${data};</script>\n</head>`);
  },
});

const taken = new Set([docs.port]);

/**
 * Starts Prism for `api` on `port`; if another program grabs the port between our check and Prism's
 * listen (two `pnpm start`s at once), moves on to the next free port.
 */
async function startMock(api, spec, port) {
  for (let attempt = 1; ; attempt++) {
    const entry = startPrism(api, spec, port);
    try {
      await entry.started;
      return { entry };
    } catch (error) {
      if (attempt < 5 && !stopping && /EADDRINUSE/.test(entry.log)) {
        prisms.splice(prisms.indexOf(entry), 1);
        port = await firstFreePort(port + 1, taken);
        taken.add(port);
        continue;
      }
      return { entry, error };
    }
  }
}

const starting = [];
let next = Number(args["mock-port"]);
for (const api of apis) {
  const spec = specFor(api);
  if (!spec) {
    console.error(`specyard start: no spec for ${api.name}; skipped.`);
    continue;
  }
  const port = await firstFreePort(next, taken);
  taken.add(port);
  next = port + 1;
  starting.push(startMock(api, spec, port));
}
const results = await Promise.all(starting);
if (stopping) await new Promise(() => {});

for (const { entry: e, error } of results) {
  if (!error) mocks[e.api.name] = { url: e.url, curl: e.api.sample ? curlFor(e.url, e.api.sample) : null };
}

const w = Math.max(...apis.map((a) => a.name.length), 6);
const lines = [];
lines.push("", "specyard: API docs and mock servers are running. Ctrl-C stops everything.", "");
lines.push(`  Docs index   ${docs.url}/`);
for (const a of apis) lines.push(`    ${a.name.padEnd(w)}   ${docs.url}/${a.page}`);
lines.push("", `  Mock servers (Prism, ${args.dynamic ? "random data from the schemas" : "the spec's examples"}; any dummy token is accepted)`);
for (const { entry: e, error } of results) {
  lines.push("");
  if (error) {
    lines.push(`    ${e.api.name.padEnd(w)}   FAILED: ${error.message} (spec ${rel(e.spec.file)})`);
    const reason = e.log.split("\n").filter((l) => /^\w*Error\b|EADDRINUSE|✖\s+(fatal|error)\s+\S/.test(l)).slice(0, 3);
    lines.push(...(reason.length ? reason : e.log.trim().split("\n").slice(-8)).map((l) => `        ${l.trim()}`));
    continue;
  }
  lines.push(`    ${e.api.name.padEnd(w)}   ${e.url}   spec: ${rel(e.spec.file)}${e.spec.note ? ` (${e.spec.note})` : ""}`);
  if (mocks[e.api.name].curl) lines.push(`    ${"".padEnd(w)}   ${mocks[e.api.name].curl}`);
}
const first = results.map((r) => r.entry).find((e) => mocks[e.api.name]);
lines.push(
  "",
  first?.api.factory
    ? `  Point a client at a mock with its baseUrl option, e.g. ${first.api.factory}({ baseUrl: "${first.url}", … }).`
    : "  Point a client at a mock with its baseUrl option.",
  "  Requests are logged below as `[api] METHOD path → status`.",
  "",
);
console.log(lines.join("\n"));

if (results.every((r) => r.error)) {
  console.error("specyard start: no mock server started.");
  await stopAll(1);
}
