#!/usr/bin/env node
// specyard-verify <vendor> [--base-url URL] [--report FILE] [--only op1,op2] [--timeout SECONDS]
// Checks a vendor's spec against its live API, read-only, through Prism's validation proxy.
// Exit codes: 0 no drift, 1 drift, 2 could not run (or nothing could be checked).
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Secrets, SpecyardError } from "@specyard/core";
import { crawl } from "./crawl.js";
import { startPrismProxy, type Proxy } from "./proxy.js";
import { table, type Report } from "./report.js";
import { Spec } from "./spec.js";
import { VENDORS } from "./vendors.js";

const USAGE = `usage: specyard-verify <${Object.keys(VENDORS).join("|")}> [--base-url URL] [--report FILE] [--only op1,op2] [--timeout SECONDS]`;
/** The longest --timeout: a timer holds at most 2^31-1 ms. */
const MAX_TIMEOUT_S = 2_147_483;

class CannotRun extends Error {}
/** Asked for with `--help`: printed to stdout, exit 0. */
class Help extends Error {}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { "base-url": { type: "string" }, report: { type: "string" }, only: { type: "string" }, timeout: { type: "string", default: "60" }, help: { type: "boolean" } },
  });
  const name = positionals[0];
  const vendor = name === undefined ? undefined : VENDORS[name];
  if (values.help) throw new Help(USAGE);
  if (!vendor || !name) throw new CannotRun(name ? `unknown vendor '${name}'\n${USAGE}` : USAGE);

  const timeoutS = Number(values.timeout);
  if (!(timeoutS > 0 && timeoutS <= MAX_TIMEOUT_S)) throw new CannotRun(`--timeout takes seconds per operation, more than 0 and at most ${MAX_TIMEOUT_S}\n${USAGE}`);

  const missing = vendor.env.filter((k) => !env[k]);
  if (missing.length) throw new CannotRun(`missing environment variable${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (the ${name} credentials)`);
  const credentials = Object.fromEntries(vendor.env.map((k) => [k, env[k]!]));
  const upstream = values["base-url"] ?? vendor.defaultBaseUrl ?? (vendor.baseUrlEnv ? env[vendor.baseUrlEnv] : undefined);
  if (!upstream) throw new CannotRun(`no server for ${name}: ${vendor.baseUrlEnv ? `set ${vendor.baseUrlEnv} or ` : ""}pass --base-url`);

  const secrets = new Secrets();
  for (const v of Object.values(credentials)) secrets.add(v);
  const say = (line: string) => console.log(secrets.redact(line));

  const spec = new Spec(vendor.specFile);
  const only = values.only?.split(",").map((s) => s.trim()).filter(Boolean);
  const all = spec.getOperations();
  const unknown = only?.filter((id) => !all.some((o) => o.operationId === id)) ?? [];
  if (unknown.length) throw new CannotRun(`--only names no GET operation of ${name}: ${unknown.join(", ")}`);
  const operations = only ? all.filter((o) => only.includes(o.operationId)) : all;

  const startedAt = new Date().toISOString();
  say(`specyard-verify: ${name} spec ${spec.version}, ${operations.length} GET operations, upstream ${new URL(upstream).origin}`);
  let proxy: Proxy;
  try {
    proxy = await startPrismProxy(vendor.specFile, upstream);
  } catch (e) {
    throw new CannotRun(`Prism's validation proxy failed to start: ${(e as Error).message}`);
  }
  try {
    const warnings: string[] = [];
    const client = vendor.client(credentials, proxy.url, { warn: (m) => warnings.push(m) });
    let results;
    try {
      results = await crawl(spec, client, operations, (line) => say(`  ${line}`), timeoutS * 1000);
    } catch (e) {
      // The token request or the connection failed: nothing about the spec can be said.
      const detail = e instanceof SpecyardError ? `${e.name}: ${e.message}` : String(e);
      throw new CannotRun(`could not reach ${name} at ${new URL(upstream).origin}: ${secrets.redact(detail)}`);
    }
    const report: Report = { vendor: name, specVersion: spec.version, startedAt, operations: results, drift: results.reduce((n, o) => n + o.violations.length, 0) };
    const text = secrets.redact(JSON.stringify(report, null, 2));
    const file = values.report ?? `verify-${name}.json`;
    writeFileSync(file, `${text}\n`);
    say("");
    say(table(report));
    say(`report: ${file}`);
    if (!results.some((o) => o.reached)) {
      say(`specyard-verify: nothing could be checked: no operation of ${name} was reached (the report says why for each)`);
      return 2;
    }
    return report.drift ? 1 : 0;
  } finally {
    await proxy.stop();
  }
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof Help) {
      console.log(e.message);
      process.exit(0);
    }
    console.error(`specyard-verify: ${e instanceof CannotRun ? e.message : `could not run: ${(e as Error)?.stack ?? e}`}`);
    process.exit(2);
  },
);
