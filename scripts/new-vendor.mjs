#!/usr/bin/env node
// @ts-check
// pnpm new-vendor <name> --spec <file> [--pagination plainArrayPages|pagedEnvelope|metaPages]
//
// Adds a vendor from an OpenAPI 3.x file (CONTRIBUTING.md, "Adding a vendor"):
//   specs/<name>/openapi.yaml     the file, kept whole (split it later, SPEC-GUIDE rule 1)
//   specs/<name>/NOTES.md         the sections SPEC-GUIDE asks for, left for a person to fill
//   redocly.yaml                  the API registered, so `pnpm lint` and the docs site see it
//   packages/<name>/              the package from scripts/lib/vendor-templates.mjs: package.json with
//                                 the "specyard" block the client is generated from (the auth read from
//                                 `securitySchemes`), ./mock, the contract and security tests
//   .changeset/<name>-initial.md  a minor release of the new package
//   scripts/package.json          the package as a devDependency: the docs samples' test compiles and runs its samples
//   packages/verify/package.json  the package as a dependency: `pnpm verify <name>` checks it against the live API,
//   and README.md                 with its environment variables in the table
// Bad input (a name in use, a file that is not OpenAPI 3.x, a spec that fails lint, an auth scheme
// with no template) stops with one line and exit 2 before anything is written. The files are
// written into .tmp/ first and moved into place; a failure while moving removes what was moved.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { REDOCLY_BIN, ROOT } from "./lib/specs.mjs";
import { callExpression, operationCalls } from "./lib/samples.mjs";
import { constants } from "./lib/vendor-data.mjs";
import * as t from "./lib/vendor-templates.mjs";

/** The pagination schemes `@specyard/core` exports. */
const PAGINATION_SCHEMES = ["plainArrayPages", "pagedEnvelope", "metaPages"];

/** Stops with one line. @param {string} message @returns {never} */
function fail(message) {
  console.error(`new-vendor: ${message}`);
  process.exit(2);
}

/**
 * The client's auth, from the spec's security schemes: the scheme its operations use (the global
 * `security`, else the first scheme an operation names), as the `"specyard".client` data the generator
 * writes the client from (credentials with their environment variables, the core strategy).
 * @param {any} spec @param {string} name @returns {t.AuthPlan}
 */
function authFor(spec, name) {
  const schemes = spec.components?.securitySchemes ?? {};
  const used = [...(spec.security ?? []), ...Object.values(spec.paths ?? {}).flatMap((item) => Object.values(item ?? {}).flatMap((op) => op?.security ?? []))]
    .flatMap((requirement) => Object.keys(requirement))
    .filter((key) => key in schemes);
  const scheme = used[0];
  if (scheme === undefined) return { kind: "none", credentials: {}, summary: "The spec declares no security: calls go without credentials.", testCredentials: {} };
  const s = schemes[scheme];
  const env = (/** @type {string} */ option) => t.envName(name, option);
  const byHand = `the security scheme "${scheme}" (${s.type}${s.scheme ? ` ${s.scheme}` : ""}${s.in ? ` in ${s.in}` : ""}) has no template: scaffold with a bearer or apiKey scheme and write its \`auth\` in packages/${name}/package.json's "specyard".client by hand (see CONTRIBUTING.md, "A vendor as data")`;
  if (s.type === "http" && String(s.scheme).toLowerCase() === "bearer") {
    return {
      kind: "bearer",
      credentials: { token: { env: env("token") } },
      auth: { strategy: "bearerToken", scheme },
      summary: "Sends `Authorization: Bearer <token>` with every call that needs it (`token`, or `getToken` for a function that returns one).",
      testCredentials: { token: "test-token-123" },
    };
  }
  if (s.type === "apiKey" && (s.in === "header" || s.in === "query")) {
    const where = s.in === "header" ? `the \`${s.name}\` header` : `the \`${s.name}\` query parameter`;
    return {
      kind: s.in === "header" ? "apiKeyHeader" : "apiKeyQuery",
      credentials: { apiKey: { doc: `The API key, sent in ${where}. Never logged, never part of an error.`, env: env("apiKey"), secret: true } },
      auth: { strategy: "apiKeyAuth", scheme, in: s.in, name: s.name },
      summary: `Sends the API key in ${where} with every call that needs it.`,
      testCredentials: { apiKey: "test-key-123" },
    };
  }
  if (s.type === "oauth2" && s.flows?.password?.tokenUrl) {
    const tokenPath = String(s.flows.password.tokenUrl).replace(/^https?:\/\/[^/]+/, "");
    return {
      kind: "passwordGrant",
      credentials: {
        username: { doc: "The API user's name.", env: env("username") },
        password: { doc: "The API user's password. Never logged, never part of an error.", env: env("password"), secret: true },
      },
      auth: { strategy: "oauth2PasswordGrant", scheme, with: { tokenPath } },
      summary: `Obtains a bearer token with the OAuth2 password grant at \`${tokenPath}\` on first use, reuses it until it expires and renews it once on a 401.`,
      testCredentials: { username: "jane@example.com", password: "s3cret-Passw0rd!" },
    };
  }
  // Basic, cookies, other OAuth2 flows: core has a strategy for some, but each needs choices a spec
  // does not carry (which token field, which expiry).
  fail(byHand);
}

/** @param {string} name @param {string | undefined} specFile @param {string | undefined} pagination */
function plan(name, specFile, pagination) {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) fail(`"${name}" is not a vendor name (lower-case letters, digits and "-", starting with a letter)`);
  if (existsSync(join(ROOT, "packages", name)) || existsSync(join(ROOT, "specs", name))) fail(`a vendor or package named "${name}" exists (packages/${name} or specs/${name})`);
  const redoclyYaml = readFileSync(join(ROOT, "redocly.yaml"), "utf8");
  if (parseYaml(redoclyYaml)?.apis?.[name]) fail(`"${name}" is already an API in redocly.yaml`);
  if (!specFile) fail("--spec <file> is required (an OpenAPI 3.x YAML or JSON file)");
  if (!existsSync(specFile)) fail(`${specFile}: no such file`);
  if (pagination !== undefined && !PAGINATION_SCHEMES.includes(pagination)) fail(`--pagination ${pagination}: core knows ${PAGINATION_SCHEMES.join(", ")}`);
  const text = readFileSync(specFile, "utf8");
  /** @type {any} */
  let spec;
  try {
    spec = parseYaml(text);
  } catch {
    fail(`${specFile} is not YAML or JSON`);
  }
  if (typeof spec?.openapi !== "string" || !/^3\.\d+\.\d+/.test(spec.openapi)) fail(`${specFile} is not an OpenAPI 3.x document (no "openapi: 3.x.y")`);
  const lint = spawnSync(process.execPath, [REDOCLY_BIN, "lint", resolve(specFile), "--format=stylish"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  if (lint.status !== 0) {
    const problems = (`${lint.stdout}${lint.stderr}`.match(/^\s*\d+:\d+\s/gm) ?? []).length;
    fail(`${specFile} fails lint under redocly.yaml (${problems || "some"} problems): run \`npx redocly lint ${specFile}\``);
  }
  const auth = authFor(spec, name);
  const server = spec.servers?.[0]?.url;
  const pascal = t.pascalCase(name);
  /** @type {t.Vendor} */
  const vendor = {
    name,
    title: spec.info?.title ?? pascal,
    pascal,
    factory: `create${pascal}Client`,
    baseUrlConst: constants({ spec: name, prefix: pascal }).baseUrl,
    baseUrl: typeof server === "string" && /^https?:\/\/[^{}]+$/.test(server) ? server.replace(/\/$/, "") : undefined,
    auth,
    pagination,
    operations: 0,
  };
  const { calls } = operationCalls(name, spec);
  vendor.operations = calls.length;
  const cases = calls.map((call) => ({ operationId: call.operationId, expression: callExpression("c", call, "    ") }));
  // The packages that list every vendor: the docs samples' test, and verify.
  const dependents = { "scripts/package.json": "devDependencies", "packages/verify/package.json": "dependencies" };
  const listing = Object.entries(dependents).map(([file, field]) => ({ file, field: /** @type {"dependencies" | "devDependencies"} */ (field), json: readFileSync(join(ROOT, file), "utf8") }));
  const verifyReadme = readFileSync(join(ROOT, "packages/verify/README.md"), "utf8");
  return { vendor, spec: text, cases, redoclyYaml, listing, verifyReadme };
}

/** The new files, relative to the repository root. @param {ReturnType<typeof plan>} p @param {string} specFile */
function files({ vendor, spec, cases }, specFile) {
  const v = vendor;
  const pkg = `packages/${v.name}`;
  return {
    [`specs/${v.name}/openapi.yaml`]: spec,
    [`specs/${v.name}/NOTES.md`]: t.notesMd(v, `\`${specFile}\``),
    [`${pkg}/package.json`]: t.packageJson(v),
    [`${pkg}/tsconfig.json`]: t.tsconfigJson(),
    [`${pkg}/turbo.json`]: t.turboJson(v),
    [`${pkg}/vitest.config.ts`]: t.vitestConfig(),
    [`${pkg}/src/index.ts`]: t.indexTs(v),
    [`${pkg}/src/mock.ts`]: t.mockTs(),
    [`${pkg}/src/validate.ts`]: t.validateTs(),
    [`${pkg}/test/contract.test.ts`]: t.contractTest(v, cases),
    ...(v.auth.auth ? { [`${pkg}/test/security.test.ts`]: t.securityTest(v) } : {}),
    [`${pkg}/README.md`]: t.readme(v),
    [`.changeset/${v.name}-initial.md`]: t.changeset(v),
  };
}

/** redocly.yaml with `name` as the last entry of its `apis:` section. @param {string} yaml @param {string} name */
function withApi(yaml, name) {
  const lines = yaml.split("\n");
  const start = lines.indexOf("apis:");
  let end = lines.findIndex((line, i) => i > start && /^\S/.test(line));
  if (start < 0 || end < 0) throw new Error("redocly.yaml: no apis: section followed by another");
  while (lines[end - 1] === "") end--;
  lines.splice(end, 0, `  ${name}:`, `    root: specs/${name}/openapi.yaml`);
  return lines.join("\n");
}

/** The package.json `json` with `@specyard/<name>` among its `field` (in order). @param {string} json @param {"dependencies" | "devDependencies"} field @param {string} name */
function withDependency(json, field, name) {
  const pkg = JSON.parse(json);
  const deps = { ...pkg[field], [`@specyard/${name}`]: "workspace:*" };
  pkg[field] = Object.fromEntries(Object.keys(deps).sort().map((k) => [k, deps[k]]));
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** verify's README with a row for the vendor after the last row of its table of variables. @param {string} md @param {t.Vendor} v */
function withVerifyRow(md, v) {
  const lines = md.split("\n");
  const last = lines.findLastIndex((line) => /^\| `[^`]+` \| /.test(line));
  if (last < 0) throw new Error("packages/verify/README.md: no table of environment variables");
  const names = Object.values(v.auth.credentials).map((c) => `\`${c.env}\``);
  lines.splice(last + 1, 0, `| \`${v.name}\` | ${names.join(", ") || "none"} |`);
  return lines.join("\n");
}

/** Writes everything into .tmp/, then moves the two folders and the changeset into place, registers the API and the dependencies. */
function write(/** @type {ReturnType<typeof plan>} */ p, /** @type {Record<string, string>} */ out) {
  const staging = join(ROOT, ".tmp", `new-vendor-${p.vendor.name}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  for (const [file, text] of Object.entries(out)) {
    mkdirSync(dirname(join(staging, file)), { recursive: true });
    writeFileSync(join(staging, file), text);
  }
  const moves = [`specs/${p.vendor.name}`, `packages/${p.vendor.name}`, `.changeset/${p.vendor.name}-initial.md`];
  /** @type {string[]} */
  const moved = [];
  try {
    for (const m of moves) {
      renameSync(join(staging, m), join(ROOT, m));
      moved.push(m);
    }
    writeFileSync(join(ROOT, "redocly.yaml"), withApi(p.redoclyYaml, p.vendor.name));
    if (!parseYaml(readFileSync(join(ROOT, "redocly.yaml"), "utf8")).apis?.[p.vendor.name]) throw new Error("redocly.yaml: the apis section was not found");
    for (const { file, field, json } of p.listing) writeFileSync(join(ROOT, file), withDependency(json, field, p.vendor.name));
    writeFileSync(join(ROOT, "packages/verify/README.md"), withVerifyRow(p.verifyReadme, p.vendor));
  } catch (err) {
    for (const m of moved) rmSync(join(ROOT, m), { recursive: true, force: true });
    writeFileSync(join(ROOT, "redocly.yaml"), p.redoclyYaml);
    for (const { file, json } of p.listing) writeFileSync(join(ROOT, file), json);
    writeFileSync(join(ROOT, "packages/verify/README.md"), p.verifyReadme);
    rmSync(staging, { recursive: true, force: true });
    fail(`could not write the vendor (nothing was kept): ${err instanceof Error ? err.message : String(err)}`);
  }
  rmSync(staging, { recursive: true, force: true });
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { spec: { type: "string" }, pagination: { type: "string" } }, strict: false });
const [name] = positionals;
if (!name) fail("usage: pnpm new-vendor <name> --spec <file> [--pagination plainArrayPages|pagedEnvelope|metaPages]");
const specArg = typeof values.spec === "string" ? values.spec : undefined;
const paginationArg = typeof values.pagination === "string" ? values.pagination : undefined;
const p = plan(name, specArg, paginationArg);
write(p, files(p, /** @type {string} */ (specArg)));
console.log(`new-vendor: added ${p.vendor.name} (${p.vendor.operations} operations, auth: ${p.vendor.auth.kind}, pagination: ${p.vendor.pagination ?? "off"})
next: pnpm install && pnpm build && pnpm --filter @specyard/${p.vendor.name} test; fill specs/${p.vendor.name}/NOTES.md`);
