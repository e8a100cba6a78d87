// @ts-check
/**
 * The files of a new vendor package (`pnpm new-vendor`, scripts/new-vendor.mjs), from one description
 * of the vendor: its names, base URL, auth and pagination. Each function returns one file's text.
 * The client itself is data: package.json's `"specyard"` block, which `generate` turns into
 * src/generated/vendor.ts (lib/vendor-source.mjs); src/index.ts and src/mock.ts only re-export.
 */

/**
 * @typedef {import("./vendor-data.mjs").Credential} Credential
 * @typedef {{
 *   kind: "bearer" | "apiKeyHeader" | "apiKeyQuery" | "passwordGrant" | "none",
 *   credentials: Record<string, Credential>, auth?: import("./vendor-data.mjs").AuthData, summary: string,
 *   testCredentials: Record<string, string>
 * }} AuthPlan
 * @typedef {{
 *   name: string, title: string, pascal: string, factory: string, baseUrlConst: string,
 *   baseUrl: string | undefined, auth: AuthPlan, pagination: string | undefined, operations: number
 * }} Vendor
 */

/** `acme-build` → `AcmeBuild`. @param {string} name */
export const pascalCase = (name) =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");

/** @param {Vendor} v */
export function packageJson(v) {
  const dist = (/** @type {string} */ file) => ({
    import: { types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` },
    require: { types: `./dist/${file}.d.cts`, default: `./dist/${file}.cjs` },
  });
  const pkg = {
    name: `@specyard/${v.name}`,
    version: "0.0.0",
    description: `Typed client for the ${v.title} API, generated from a hand-written, contract-tested OpenAPI spec.`,
    type: "module",
    sideEffects: false,
    exports: { ".": dist("index"), "./mock": dist("mock"), "./validate": dist("validate"), "./openapi.json": "./openapi.json", "./package.json": "./package.json" },
    main: "./dist/index.cjs",
    types: "./dist/index.d.cts",
    typesVersions: { "*": { mock: ["./dist/mock.d.cts"], validate: ["./dist/validate.d.cts"] } },
    files: ["dist", "openapi.json", "README.md"],
    engines: { node: ">=18" },
    license: "MIT",
    repository: { type: "git", url: "git+https://github.com/specyard/specyard.git", directory: `packages/${v.name}` },
    keywords: [v.name, "openapi", "sdk", "typescript"],
    specyard: { spec: v.name, prefix: v.pascal, title: v.title, client: clientBlock(v) },
    scripts: {
      generate: "node ../../scripts/generate.mjs",
      build: "tsup src/index.ts src/mock.ts src/validate.ts --format esm,cjs --dts --clean --target es2022",
      typecheck: "tsc --noEmit",
      test: "vitest run --testTimeout=30000 --hookTimeout=120000",
    },
    dependencies: { "@specyard/core": "workspace:*", "openapi-fetch": "0.17.0" },
    peerDependencies: { "@specyard/mock": "workspace:~", msw: "^2.0.0 || ^3.0.0" },
    peerDependenciesMeta: { "@specyard/mock": { optional: true }, msw: { optional: true } },
    devDependencies: {
      "@specyard/contract-harness": "workspace:*",
      "@specyard/mock": "workspace:*",
      "@specyard/spec": "workspace:*",
      "@types/node": "20.19.43",
      msw: "2.15.0",
      tsup: "8.5.1",
      typescript: "5.9.3",
      vitest: "4.1.12",
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export const tsconfigJson = () => `{\n  "extends": "../../tsconfig.base.json",\n  "include": ["src", "test"]\n}\n`;

/** @param {Vendor} v */
export const turboJson = (v) =>
  `${JSON.stringify(
    {
      $schema: "../../node_modules/turbo/schema.json",
      extends: ["//"],
      tasks: { generate: { inputs: ["$TURBO_EXTENDS$", `$TURBO_ROOT$/specs/${v.name}/**`] } },
    },
    null,
    2,
  )}\n`;

export const vitestConfig = () => `import { defineConfig } from "vitest/config";

// One Prism mock of openapi.json for the run, shared by the test files.
export default defineConfig({ test: { globalSetup: ["@specyard/contract-harness/prism-setup"] } });
`;

/**
 * The `"specyard".client` block the client is generated from (CONTRIBUTING.md, "A vendor as data").
 * @param {Vendor} v @returns {import("./vendor-data.mjs").Client}
 */
function clientBlock(v) {
  return {
    doc: [`A typed ${v.title} client. ${v.auth.summary}`],
    ...(Object.keys(v.auth.credentials).length ? { credentials: v.auth.credentials } : {}),
    baseUrl: v.baseUrl !== undefined ? { default: v.baseUrl } : { required: "the spec names no absolute server", doc: "The API's base URL (the spec names no absolute server)." },
    ...(v.auth.auth ? { auth: v.auth.auth } : {}),
    ...(v.pagination ? { pagination: v.pagination } : {}),
  };
}

/** The entry: the generated client and types, re-exported. @param {Vendor} v */
export const indexTs = (v) => `// The client, its options and constants are generated from package.json's "specyard" block (src/generated/vendor.ts).
import type { components, operations, paths } from "./generated/schema.js";
import type { routes } from "./generated/routes.js";

export type { components, operations, paths, routes };
/** Errors, options and helpers of the shared runtime, so users need only this package. */
export * from "@specyard/core";
export {
${[...(v.baseUrl !== undefined ? [v.baseUrlConst] : []), v.factory, `is${v.pascal}Error`, ...[...(v.auth.kind === "bearer" ? ["AuthOptions"] : []), "Client", "ClientOptions", "Error", "ErrorBody"].map((n) => `type ${v.pascal}${n}`)]
  .map((n) => `  ${n},`)
  .join("\n")}
} from "./generated/vendor.js";
`;

/** The `./validate` entry: generated from the same block (src/generated/validate.ts). */
export const validateTs = () => `export * from "./generated/validate.js";\n`;

/** The `./mock` entry: generated from the same block (src/generated/mock.ts). */
export const mockTs = () => `export * from "./generated/mock.js";\n`;

/**
 * The security test: each operation goes out with or without the credentials as the spec says
 * (@specyard/contract-harness's `securitySuite`, against the run's Prism).
 * @param {Vendor} v
 */
export function securityTest(v) {
  const secret = Object.keys(v.auth.credentials).filter((k) => v.auth.credentials[k]?.secret || k === "token");
  return `import { fileURLToPath } from "node:url";
import { securitySuite } from "@specyard/contract-harness";
import { ConfigurationError, ${v.factory} } from "../src/index.js";

const credentials = { ${Object.entries(v.auth.testCredentials).map(([k, value]) => `${k}: ${JSON.stringify(value)}`).join(", ")} };

securitySuite({
  vendor: ${JSON.stringify(v.title)},
  specFile: fileURLToPath(new URL("../openapi.json", import.meta.url)),
  scheme: ${JSON.stringify(v.auth.auth?.scheme)},
  client: (baseUrl) => ${v.factory}({ ...credentials, baseUrl }),
  secrets: [${secret.map((k) => `credentials.${k}`).join(", ")}],
  ConfigurationError,
});
`;
}

/**
 * The contract test: one typed call per operation against Prism and against the `./mock` handlers.
 * @param {Vendor} v @param {{ operationId?: string, expression: string }[]} cases
 */
export function contractTest(v, cases) {
  const client = `(baseUrl: string) => ${v.factory}({ ...credentials, baseUrl })`;
  const mockBase = v.baseUrl !== undefined ? v.baseUrlConst : JSON.stringify("https://api.example.invalid");
  return `import { fileURLToPath } from "node:url";
import { contractSuite, mockContractSuite, type ContractCase } from "@specyard/contract-harness";
import { ${[v.factory, ...(v.baseUrl !== undefined ? [v.baseUrlConst] : []), `type ${v.pascal}Client`, "type operations"].join(", ")} } from "../src/index.js";
import { createHandlers } from "../src/mock.js";
import { responses } from "../src/validate.js";

const specFile = fileURLToPath(new URL("../openapi.json", import.meta.url));
const credentials = { ${Object.entries(v.auth.testCredentials).map(([k, value]) => `${k}: ${JSON.stringify(value)}`).join(", ")} };
const client = ${client};

// One typed call per operation (scaffolded from the spec's examples by pnpm new-vendor; edit freely).
// \`Record<keyof operations, …>\` makes a missing case a type error too.
const cases: Record<keyof operations, ContractCase<${v.pascal}Client>> = {
${cases.map((c) => `  ${propertyName(c.operationId ?? "")}: (c) => ${c.expression.replace(/\n/g, "\n  ")},`).join("\n")}
};

const suite = contractSuite({ vendor: ${JSON.stringify(v.title)}, specFile, responses, client, cases });

// The same cases against the package's MSW handlers (\`./mock\`): each answer must match Prism's.
mockContractSuite(suite, { handlers: createHandlers({ baseUrl: ${mockBase} }), baseUrl: ${mockBase}, client, cases });
`;
}

/** An object key as written by hand: bare when it is an identifier. @param {string} key */
const propertyName = (key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));

/** @param {Vendor} v */
export function readme(v) {
  const options = [...Object.entries(v.auth.credentials).map(([option, o]) => `${option}: process.env.${o.env} ?? ""`), ...(v.baseUrl === undefined ? [`baseUrl: "https://api.example.com"`] : [])];
  return `# @specyard/${v.name}

Typed client for the ${v.title} API (${v.operations} operations).

\`\`\`sh
npm install @specyard/${v.name}
\`\`\`

## Quick start

\`\`\`ts
import { ${v.factory} } from "@specyard/${v.name}";

const client = ${v.factory}({ ${options.join(", ")} });
\`\`\`

## Auth

${v.auth.summary}

Every path, parameter, body and response is typed from the hand-written OpenAPI spec
(\`specs/${v.name}/openapi.yaml\` in the specyard repository), which is contract-tested against a Prism mock
server. The bundled spec ships with the package: \`@specyard/${v.name}/openapi.json\`.
`;
}

/** `acme`, `apiKey` → `ACME_API_KEY`. @param {string} vendor @param {string} option */
export const envName = (vendor, option) => `${vendor.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_${option.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** @param {Vendor} v @param {string} source where the spec came from */
export const notesMd = (v, source) => `# ${v.title}: notes on the spec

Source: ${source} (the vendor doc it was written from: name, version, date; line numbers below refer to it).
The spec is kept whole in \`openapi.yaml\`; split it into \`paths/\` and \`components/\` when it grows past a
few hundred lines (SPEC-GUIDE rule 1).

## Operations (${v.operations})

To fill: one row per operation (operationId, method, path, security), as in specs/endre/NOTES.md.

## Doc defects

To fill: every contradiction, ambiguity and broken example or regex in the doc, with its line number
(SPEC-GUIDE rules 4, 9, 12).

## Decisions

To fill: each choice the doc does not settle; the spec marks each with "Assumed:" and \`x-assumed: true\`
(SPEC-GUIDE rule 11).

## Security

To fill: how the doc describes authentication and the token endpoints' own scheme (SPEC-GUIDE rule 8).

## Errors

To fill: the documented status codes and error bodies, shared ones as \`responses\` components (SPEC-GUIDE rule 7).
`;

/** @param {Vendor} v */
export const changeset = (v) => `---
"@specyard/${v.name}": minor
---

First release: a typed client for the ${v.title} API (${v.operations} operations), scaffolded by \`pnpm new-vendor\`.
`;
