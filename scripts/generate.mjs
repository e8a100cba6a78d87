#!/usr/bin/env node
// Lints a vendor's spec, then generates its package's build inputs from it (run in the package's folder):
//   openapi.json              the spec bundled into one file by `redocly bundle` (shipped with the package)
//   src/generated/schema.ts   TypeScript types from openapi-typescript
//   src/generated/routes.ts   the route table the client's methods are typed by, each paged
//                             operation's largest page size, each operation's security, how array query
//                             parameters go out, its credential parameters and the operations whose
//                             success has no content (lib/routes.mjs)
//   src/generated/operations.ts  every operationId by `METHOD /path`, for tracing (lib/routes.mjs)
//   src/generated/validators.js  precompiled response validators for the `./validate` entry (lib/validators.mjs)
//   src/generated/vendor.ts   the vendor's error and client types, its error guard, and from the block's
//                             "client": the options, constants and create<Vendor>Client (lib/vendor-source.mjs)
//   src/generated/mock.ts, validate.ts  the ./mock entry's MSW handlers, the ./validate entry (lib/vendor-source.mjs)
// The vendor is named in the package's package.json under "specyard": { "spec": "<vendor>", "prefix": … }.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { mockSource, validateSource, vendorSource } from "./lib/vendor-source.mjs";
import { emptySuccessSource, maxPageSizeSource, operationIdsSource, queryArraysSource, routesSource, secretParamsSource, securitySource } from "./lib/routes.mjs";
import { validatorsSource, validatorsTypes } from "./lib/validators.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = process.cwd();
const block = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).specyard;
const vendor = block?.spec;
if (!vendor) {
  console.error(`generate: ${pkgDir}/package.json has no "specyard.spec"`);
  process.exit(1);
}

const require = createRequire(import.meta.url);
const redocly = join(dirname(require.resolve("@redocly/cli/package.json")), "bin/cli.js");
const bundled = join(pkgDir, "openapi.json");
const redoclyOptions = { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } };
// This vendor's spec only, with the project's rules (redocly.yaml): a spec change lints and rebuilds its own package, no other.
const lint = spawnSync(process.execPath, [redocly, "lint", vendor, "--format=stylish"], { ...redoclyOptions, encoding: "utf8" });
if (lint.status !== 0) {
  console.error(`generate: redocly lint ${vendor} failed\n${lint.stdout}${lint.stderr}`);
  process.exit(1);
}
execFileSync(process.execPath, [redocly, "bundle", vendor, "--output", bundled], { ...redoclyOptions, stdio: ["ignore", "ignore", "pipe"] });

const ast = await openapiTS(pathToFileURL(bundled), { alphabetize: false, rootTypes: false });
const header = `// Generated from specs/${vendor}/openapi.yaml by scripts/generate.mjs. Do not edit; not committed.\n`;
mkdirSync(join(pkgDir, "src/generated"), { recursive: true });
writeFileSync(join(pkgDir, "src/generated/schema.ts"), header + astToString(ast));
const spec = JSON.parse(readFileSync(bundled, "utf8"));
writeFileSync(
  join(pkgDir, "src/generated/routes.ts"),
  [routesSource(spec, { header }), maxPageSizeSource(spec), securitySource(spec), queryArraysSource(spec), secretParamsSource(spec), emptySuccessSource(spec)].join(""),
);
writeFileSync(join(pkgDir, "src/generated/operations.ts"), operationIdsSource(spec, { header }));
writeFileSync(join(pkgDir, "src/generated/vendor.ts"), vendorSource(block, { header }));
writeFileSync(join(pkgDir, "src/generated/mock.ts"), mockSource(block, { header }));
writeFileSync(join(pkgDir, "src/generated/validate.ts"), validateSource(block, { header }));
writeFileSync(join(pkgDir, "src/generated/validators.js"), validatorsSource(spec, { header }));
writeFileSync(join(pkgDir, "src/generated/validators.d.ts"), validatorsTypes({ header }));
console.log(`generate: ${vendor} → openapi.json, src/generated/schema.ts, src/generated/routes.ts, src/generated/operations.ts, src/generated/vendor.ts, src/generated/mock.ts, src/generated/validate.ts, src/generated/validators.js`);
