#!/usr/bin/env node
// Renders the API docs site into <repo>/site (a build output, not committed):
//   site/<api>.html      one self-contained Redoc page per API (`redocly build-docs --inlineBundle`),
//                        each operation with a TypeScript sample (`x-codeSamples`, scripts/lib/samples.mjs)
//   site/index.html      the vendors: version, operation count, base URL, npm package, usage example
//   site/specyard.json   the same facts as data (read by `pnpm start` for its curl examples)
// The APIs come from redocly.yaml's `apis:` section, so a new vendor appears here automatically.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import {
  MANIFEST,
  ROOT,
  SITE_DIR,
  baseUrl,
  bundleApi,
  describeAuth,
  findVendorPackage,
  listApis,
  listOperations,
  mapLimit,
  redocly,
  sampleOperation,
} from "./lib/specs.mjs";
import { CLIENTS, codeSample, operationCalls, withCodeSamples } from "./lib/samples.mjs";
import { vendorPackages } from "./lib/vendor-data.mjs";

/**
 * Per-vendor display names, from each package's `"specyard"` block (`title`). The usage example of a
 * vendor with a client (scripts/lib/clients.mjs) is its sample operation's code sample; any other
 * vendor gets a generic example built from its package's src/index.ts (factory and required options)
 * or, without a package, a guess.
 */
const VENDORS = Object.fromEntries(vendorPackages(ROOT).map(({ name, block }) => [name, { label: block.title ?? block.prefix }]));

/**
 * Redoc shows an `x-codeSamples` entry only when a language here has its label (or, without one, its
 * lang): the vendor's TypeScript sample, then the request payload.
 */
const redocOptions = (api) => ({
  codeSamples: { languages: [...(api in CLIENTS ? [{ lang: "TypeScript", label: CLIENTS[api].pkg }] : []), { lang: "Payload" }] },
});

// Redoc 3 draws its "API docs by Redocly" badge from cdn.redoc.ly even in an inline bundle; these
// stand-ins keep the attribution and the page offline.
const svgUri = (svg) => `data:image/svg+xml,${encodeURIComponent(svg)}`;
const LOGO_REPLACEMENTS = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": svgUri(
    `<svg xmlns="http://www.w3.org/2000/svg" width="50" height="14" viewBox="0 0 50 14"><text x="0" y="11" font-family="Helvetica,Arial,sans-serif" font-size="11" font-weight="700" fill="#0044d4">Redocly</text></svg>`,
  ),
  "https://cdn.redoc.ly/redoc/logo-mini.svg": svgUri(
    `<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 14 14"><rect width="14" height="14" rx="3" fill="#0044d4"/><text x="3.5" y="11" font-family="Helvetica,Arial,sans-serif" font-size="10" font-weight="700" fill="#fff">R</text></svg>`,
  ),
};

const pascal = (s) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");

const esc = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** Inline Markdown of spec descriptions: `code` only, everything else as text. */
const inlineMd = (s) => esc(s).replace(/`([^`]+)`/g, "<code>$1</code>");

/** The usage example: the code sample of `sample` (samples.mjs), or for another vendor its factory, options and one typed call. */
function usageExample(api, pkg, spec, sample) {
  if (api in CLIENTS) {
    const { calls } = operationCalls(api, spec);
    const call = calls.find((c) => c.operation === `${sample?.method} ${sample?.template}`) ?? calls[0];
    return { code: codeSample(api, call), factory: CLIENTS[api].factory, warnings: [] };
  }
  const warnings = [];
  const index = pkg?.indexTs ?? null;
  const fromIndex = index?.match(/export\s+(?:async\s+)?function\s+(create\w*Client)\s*(?:<[^(]*>)?\s*\(/)?.[1];
  const factory = fromIndex ?? `create${pascal(api)}Client`;
  if (index && !fromIndex) warnings.push(`no exported create…Client function in ${api}'s src/index.ts`);
  // Its required option keys, or a token.
  const optType = index?.match(new RegExp(`function\\s+${factory}\\s*(?:<[^(]*>)?\\s*\\(\\s*\\w+\\s*:\\s*(\\w+)`))?.[1];
  const body = optType && index.match(new RegExp(`interface\\s+${optType}\\s*\\{([\\s\\S]*?)\\n\\}`))?.[1];
  const keys = body ? [...body.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]) : ["token"];
  const envPrefix = api.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  const options = Object.fromEntries(keys.map((k) => [k, `process.env.${envPrefix}_${k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()} ?? ""`]));
  if (index) {
    for (const key of Object.keys(options)) {
      if (!new RegExp(`\\b${key}\\??\\s*:`).test(index)) warnings.push(`example option "${key}" not found in ${api}'s src/index.ts`);
    }
  }
  const lines = [`import { ${factory} } from "${pkg?.name ?? `@specyard/${api}`}";`, "", `const client = ${factory}({`];
  for (const [k, v] of Object.entries(options)) lines.push(`  ${k}: ${v},`);
  lines.push("});", "");
  if (sample) {
    const params = [];
    const pathParams = [...sample.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    if (pathParams.length) params.push(`path: { ${pathParams.map((p) => `${p}: 1`).join(", ")} }`);
    const q = Object.entries(sample.query);
    if (q.length) params.push(`query: { ${q.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")} }`);
    if (sample.summary) lines.push(`// ${sample.summary}`);
    const call = `const { data, error } = await client.${sample.method}("${sample.template}"`;
    const init = params.length ? `{ params: { ${params.join(", ")} } }` : "";
    if (!init) lines.push(`${call});`);
    else if (call.length + init.length < 72) lines.push(`${call}, ${init});`);
    else lines.push(`${call}, {`, `  params: { ${params.join(", ")} },`, "});");
  }
  return { code: lines.join("\n"), factory, warnings };
}

async function renderApi(api, outDir) {
  const started = Date.now();
  const spec = await bundleApi(api.name);
  const title = `${spec.info?.title ?? api.name} ${spec.info?.version ?? ""} · specyard`.replace(/\s+/g, " ");
  const page = `${api.name}.html`;
  const out = join(outDir, page);
  // The page is rendered from a copy of the bundle with a code sample on every operation.
  const docsSpec = join(outDir, `${api.name}.docs.json`);
  writeFileSync(docsSpec, JSON.stringify(withCodeSamples(api.name, spec)));
  await redocly(["build-docs", docsSpec, "--inlineBundle", "--output", out, "--title", title, "--openapi", JSON.stringify(redocOptions(api.name))]);
  rmSync(docsSpec);
  let html = readFileSync(out, "utf8");
  for (const [from, to] of Object.entries(LOGO_REPLACEMENTS)) html = html.split(from).join(to);
  const remote = html.match(/https:\/\/cdn\.redoc\.ly\/[^\s"'`)]*/);
  if (remote) throw new Error(`${page} still refers to ${remote[0]}: the page would not be self-contained`);
  writeFileSync(out, html);

  const ops = listOperations(spec);
  const pkg = findVendorPackage(api.name);
  const sample = sampleOperation(spec);
  const usage = usageExample(api.name, pkg, spec, sample);
  for (const w of usage.warnings) console.warn(`build-docs: warning: ${w}`);
  return {
    name: api.name,
    label: VENDORS[api.name]?.label ?? spec.info?.title ?? api.name,
    spec: api.root,
    title: spec.info?.title ?? api.name,
    summary: spec.info?.summary ?? null,
    version: String(spec.info?.version ?? ""),
    operations: ops.length,
    tags: (spec.tags ?? []).length,
    page,
    pageBytes: statSync(out).size,
    server: baseUrl(spec),
    auth: describeAuth(spec),
    package: { name: pkg?.name ?? `@specyard/${api.name}`, exists: Boolean(pkg), version: pkg?.version ?? null },
    factory: usage.factory,
    usage: usage.code,
    sample,
    ms: Date.now() - started,
  };
}

function indexHtml(vendors) {
  const card = (v) => {
    const vars = v.server.variables.length
      ? `<p class="note">Server variable${v.server.variables.length > 1 ? "s" : ""} filled with ${v.server.variables.length > 1 ? "their defaults" : "its default"}: ${v.server.variables
          .map((x) => `<code>{${esc(x.name)}}</code> = <code>${esc(x.default)}</code>${x.description ? ` (${inlineMd(x.description.trim().replace(/\.$/, ""))})` : ""}`)
          .join("; ")}. URL template <code>${esc(v.server.template)}</code>.${v.server.description ? ` ${inlineMd(v.server.description)}` : ""}</p>`
      : "";
    return `
    <article class="vendor" id="${esc(v.name)}" data-vendor="${esc(v.name)}" data-operations="${v.operations}" data-version="${esc(v.version)}">
      <header>
        <h2><a href="${esc(v.page)}">${esc(v.label)}</a></h2>
        <p class="title">${esc(v.title)}</p>
      </header>
      <dl class="facts">
        <div><dt>API version</dt><dd class="version">${esc(v.version)}</dd></div>
        <div><dt>Operations</dt><dd class="operations">${v.operations}</dd></div>
        <div><dt>Auth</dt><dd>${v.auth.map(inlineMd).join("<br>") || "none"}</dd></div>
      </dl>
      ${v.summary ? `<p>${inlineMd(v.summary)}</p>` : ""}
      <h3>Base URL</h3>
      <p><code class="base-url">${esc(v.server.url)}</code></p>
      ${vars}
      <h3>Install</h3>
      <pre class="install"><code>npm install ${esc(v.package.name)}</code></pre>
      ${v.package.exists ? "" : `<p class="note">The package is not in this repository yet; the example shows its intended API.</p>`}
      <h3>Usage</h3>
      <pre class="usage"><code>${esc(v.usage)}</code></pre>
      <div class="mock" data-mock-for="${esc(v.name)}" hidden>
        <h3>Local mock</h3>
        <p>Running now (<code>pnpm start</code>): <code class="mock-url"></code> (pass it as <code>baseUrl</code>)</p>
        <pre><code class="mock-curl"></code></pre>
      </div>
      <p class="more"><a class="reference" href="${esc(v.page)}">${esc(v.label)} API reference (${v.operations} operations) →</a></p>
    </article>`;
  };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>specyard API reference</title>
<style>
  :root { --fg: #1d2330; --muted: #5b6475; --line: #e3e6ec; --accent: #0b5cad; --code-bg: #f4f6f9; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: #fafbfc; }
  main { max-width: 1280px; margin: 0 auto; padding: 32px 24px 48px; }
  h1 { margin: 0 0 4px; font-size: 28px; }
  .lead { margin: 0 0 8px; color: var(--muted); }
  .vendors { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 20px; margin-top: 24px; }
  .vendor { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 20px 22px; min-width: 0; }
  .vendor header h2 { margin: 0; font-size: 22px; }
  .vendor header h2 a { color: var(--fg); text-decoration: none; }
  .vendor header h2 a:hover { color: var(--accent); }
  .vendor .title { margin: 2px 0 12px; color: var(--muted); }
  .facts { display: flex; gap: 28px; margin: 0 0 12px; flex-wrap: wrap; }
  .facts dt { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
  .facts dd { margin: 0; font-weight: 600; }
  h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 16px 0 6px; }
  p { margin: 6px 0; }
  code { font: 13px/1.5 ui-monospace, "SFMono-Regular", Menlo, "DejaVu Sans Mono", monospace; background: var(--code-bg); padding: 1px 4px; border-radius: 4px; }
  pre { background: #0f1724; color: #e6edf3; padding: 12px 14px; border-radius: 8px; overflow-x: auto; margin: 6px 0; }
  pre code { background: none; padding: 0; color: inherit; }
  .mock pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  .note { font-size: 13px; color: var(--muted); }
  .more { margin-top: 14px; }
  .more a { color: var(--accent); font-weight: 600; text-decoration: none; }
  .more a:hover { text-decoration: underline; }
  footer { margin-top: 32px; color: var(--muted); font-size: 13px; }
</style>
</head>
<body>
<main>
  <h1>specyard API reference</h1>
  <p class="lead">Typed TypeScript clients for ${vendors.length} construction SaaS APIs, built from hand-written OpenAPI 3.1 specs.
  Each reference below is rendered from the same spec the client's types are generated from and its contract tests run against.</p>
  <p class="lead">Try any of them without credentials: <code>pnpm start</code> serves these pages and a Prism mock server per API.</p>
  <section class="vendors">${vendors.map(card).join("\n")}
  </section>
  <footer>Generated by <code>scripts/build-docs.mjs</code> from the APIs listed in <code>redocly.yaml</code>: ${vendors
    .map((v) => `<code>${esc(v.spec)}</code>`)
    .join(", ")}. API reference pages rendered by Redoc (Redocly CLI <code>build-docs</code>).</footer>
</main>
<script>
  // pnpm start injects window.SPECYARD_MOCKS = { <api>: { url, curl } } into this page.
  for (const [name, mock] of Object.entries(window.SPECYARD_MOCKS || {})) {
    const el = document.querySelector('[data-mock-for="' + name + '"]');
    if (!el) continue;
    el.querySelector(".mock-url").textContent = mock.url;
    el.querySelector(".mock-curl").textContent = mock.curl || "";
    el.hidden = false;
  }
</script>
</body>
</html>
`;
}

const t0 = Date.now();
const apis = listApis();
if (!apis.length) {
  console.error("build-docs: redocly.yaml lists no apis");
  process.exit(1);
}
// Render into a fresh folder next to site/ and swap it in at the end, so a concurrent build (or a
// `pnpm start` serving the old site) never sees a half-written site.
const staging = join(ROOT, ".tmp", `site-build-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
let vendors;
try {
  vendors = await mapLimit(apis, Math.max(2, Math.min(4, availableParallelism())), (api) => renderApi(api, staging));
} catch (err) {
  rmSync(staging, { recursive: true, force: true });
  throw err;
}
writeFileSync(join(staging, "index.html"), indexHtml(vendors));
const manifest = {
  generatedBy: "scripts/build-docs.mjs",
  apis: vendors.map(({ ms, pageBytes, ...v }) => ({ ...v, pageBytes })),
};
writeFileSync(join(staging, MANIFEST), JSON.stringify(manifest, null, 2) + "\n");
const old = join(ROOT, ".tmp", `site-old-${process.pid}`);
if (existsSync(SITE_DIR)) {
  try {
    renameSync(SITE_DIR, old);
  } catch (err) {
    if (err.code !== "ENOENT") throw err; // another build swapped it away first
  }
}
renameSync(staging, SITE_DIR);
rmSync(old, { recursive: true, force: true });
for (const v of vendors) {
  console.log(
    `build-docs: ${v.name.padEnd(8)} ${String(v.operations).padStart(3)} operations  ${(v.pageBytes / 1024).toFixed(0).padStart(5)} KiB  site/${v.page}  (${v.ms} ms)`,
  );
}
console.log(`build-docs: site/index.html lists ${vendors.length} APIs (${Date.now() - t0} ms)`);
