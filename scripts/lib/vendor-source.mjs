// @ts-check
/**
 * `src/generated/vendor.ts`, `mock.ts` and `validate.ts` of a vendor package: everything a vendor entry
 * would otherwise write by hand (the error types and guard, the client's options, constants and
 * `create<Vendor>Client`, the `./mock` handlers, the `./validate` validators), from the package's
 * `"specyard"` block in package.json.
 * What each field means is in CONTRIBUTING.md ("A vendor as data"); `lib/vendor-data.mjs` checks the
 * block and answers the questions other tools ask of it (env names, the token operation).
 */
import { checkBlock, constants, credentialNames, factoryName, STRATEGIES } from "./vendor-data.mjs";

/** @typedef {import("./vendor-data.mjs").Block} Block @typedef {import("./vendor-data.mjs").Client} Client */

/** A JSDoc comment at `indent`: one line, or one `*` line per entry. @param {string | string[] | undefined} doc @param {string} [indent] */
export function jsdoc(doc, indent = "") {
  if (doc === undefined) return [];
  const lines = Array.isArray(doc) ? doc : [doc];
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)), `${indent} */`];
}

/** A JSON value as a TypeScript literal (`{ style: "form", explode: false }`). @param {unknown} v @returns {string} */
const literal = (v) =>
  v && typeof v === "object" && !Array.isArray(v)
    ? `{ ${Object.entries(v).map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${literal(x)}`).join(", ")} }`
    : JSON.stringify(v);

/** @param {Block} block @param {{ header: string }} options */
export function vendorSource(block, { header }) {
  checkBlock(block);
  const p = /** @type {string} */ (block.prefix);
  const guard = block.errorGuard ?? `is${p}Error`;
  const bodies = block.errorBodies ? ` (${block.errorBodies})` : "";
  const client = block.client ? clientSource(block, block.client) : { imports: [], routeImports: [], text: "" };
  const coreImports = [...new Set(["isApiError", ...client.imports])].sort();
  const coreTypes = [...new Set(["ApiClient", "ApiError", "ApiErrorClass", "ErrorBodyOf", ...(block.client ? ["ClientSettings"] : []), ...(block.client?.rateLimit ? ["RateLimit"] : [])])].sort();
  const routeImports = [...client.routeImports, "type routes"];
  return `${header}import {
${[...coreImports, ...coreTypes.map((t) => `type ${t}`)].map((i) => `  ${i},`).join("\n")}
} from "@specyard/core";
import ${client.routeImports.length ? `{ ${routeImports.join(", ")} }` : "type { routes }"} from "./routes.js";

/** The error bodies the spec declares${bodies}, read from the route table, or a \`RawErrorBody\`. */
export type ${p}ErrorBody = ErrorBodyOf<routes>;
export type ${p}Error = ApiError<${p}ErrorBody>;
/** Whether \`e\` is an \`ApiError\` (of \`Class\` when given: \`${guard}(e, NotFoundError)\`) typed with this API's error bodies (not checked at run time). */
export const ${guard} = <E extends ApiError<unknown> = ApiError>(e: unknown, Class?: ApiErrorClass<E>): e is E & ${p}Error => isApiError(e, Class);
/** \`${p}Client<true>\` is the client built with \`throwOnError: true\` (calls resolve only on success). */
export type ${p}Client<Throws extends boolean = false> = ApiClient<routes, Throws>;

/** The spec's operationIds, loaded only by a client with a \`tracer\` (the spans' \`specyard.operation\`). */
export const operationIds = () => import("./operations.js").then((m) => m.operationIds);
${client.text}`;
}

/**
 * The options type, the constants and the factory of `block.client`, and what they import.
 * @param {Block} block @param {Client} c
 */
function clientSource(block, c) {
  const bearer = c.auth?.strategy === "bearerToken";
  const imports = [
    "createApiClientWith",
    ...(c.baseUrl.default === undefined || bearer ? ["ConfigurationError"] : []),
    ...(c.auth ? [c.auth.strategy] : []),
    ...(c.rateLimit ? ["limiterFor"] : []),
    ...(c.pagination ? ["paginate", c.pagination] : []),
    ...(c.querySerializer === "styledQuerySerializer" ? ["styledQuerySerializer"] : []),
    ...(c.validationMessage ? [c.validationMessage] : []),
    ...(c.bodyWait ? [c.bodyWait] : []),
  ];
  const routeImports = [
    "emptySuccess",
    "secretParams",
    ...(c.auth ? ["security"] : []),
    ...(c.pagination ? ["maxPageSize"] : []),
    ...(c.querySerializer === "styledQuerySerializer" ? ["queryArrays"] : []),
  ].sort();
  const text = [...optionsSource(block, c), ...constantsSource(block, c), ...factorySource(block, c)].join("\n");
  return { imports, routeImports, text: `\n${text}` };
}

/** `<Prefix>ClientOptions`: the credentials, the base URL, the rate limit (and, for a bearer token, `<Prefix>AuthOptions`). @param {Block} block @param {Client} c */
function optionsSource(block, c) {
  const p = block.prefix;
  const base = c.baseUrl;
  const members = [
    // A bearer token's options are the `token`/`getToken` union below.
    ...(c.auth?.strategy === "bearerToken" ? [] : Object.entries(c.credentials ?? {}).flatMap(([name, o]) => [...jsdoc(o.doc, "  "), `  ${name}: string;`])),
    ...jsdoc(base.doc ?? (base.default !== undefined ? `Default \`${base.default}\`.` : undefined), "  "),
    `  baseUrl${base.default !== undefined ? "?" : ""}: string;`,
    ...(c.rateLimit ? [...jsdoc(c.rateLimit.doc, "  "), "  rateLimit?: RateLimit | false;"] : []),
  ];
  if (c.auth?.strategy !== "bearerToken") return [`export interface ${p}ClientOptions extends ClientSettings {`, ...members, "}", ""];
  // A static token or a function that returns one (`getToken`), at most one of them; neither when optional.
  const optional = c.auth.optional !== undefined;
  return [
    ...jsdoc(c.auth.doc),
    `export type ${p}AuthOptions =`,
    "  | { token: string; getToken?: never }",
    `  | { getToken: () => string | Promise<string>; token?: never }${optional ? "" : ";"}`,
    ...(optional ? ["  | { token?: never; getToken?: never };"] : []),
    "",
    `export type ${p}ClientOptions = ${p}AuthOptions &`,
    "  ClientSettings & {",
    ...members.map((m) => `  ${m}`),
    "  };",
    "",
  ];
}

/** `<PREFIX>_BASE_URL` (with a default URL) and `<PREFIX>_RATE_LIMIT`. @param {Block} block @param {Client} c */
function constantsSource(block, c) {
  const names = constants(block);
  const lines = [
    ...(c.baseUrl.default !== undefined ? [`export const ${names.baseUrl} = ${JSON.stringify(c.baseUrl.default)};`] : []),
    ...(c.rateLimit ? [...jsdoc(c.rateLimit.why), `export const ${names.rateLimit}: RateLimit = ${literal({ limit: c.rateLimit.limit, windowMs: c.rateLimit.windowMs })};`] : []),
  ];
  return lines.length ? [...lines, ""] : [];
}

/**
 * `create<Prefix>Client`: what it takes out of the options, what it checks before anything is sent,
 * then the core client with the parts and settings the block names.
 * @param {Block} block @param {Client} c
 */
function factorySource(block, c) {
  const p = block.prefix;
  const factory = factoryName(block);
  const names = constants(block);
  const bearer = c.auth?.strategy === "bearerToken";
  const refuse = (/** @type {string} */ why) => `throw new ConfigurationError(${JSON.stringify(`${factory}: ${why}`)});`;
  const own = bearer ? ["token", "getToken"] : [...credentialNames(c), ...(c.rateLimit ? ["rateLimit"] : [])];
  const checks = [
    `const { ${[...own, "...rest"].join(", ")} } = options;`,
    ...(c.baseUrl.default !== undefined
      ? [`const baseUrl = options.baseUrl ?? ${names.baseUrl};`]
      : ["const { baseUrl } = rest;", `if (!baseUrl) ${refuse(`baseUrl is required (${c.baseUrl.required})`)}`]),
    ...(bearer
      ? [
          "if (token !== undefined && getToken !== undefined) {",
          `  ${refuse("give either token or getToken, not both")}`,
          "}",
          `if (token === "") ${refuse(`token is empty${c.auth?.optional ? ` (leave it out to ${c.auth.optional})` : ""}`)}`,
          "const source = token || getToken;",
          ...(c.auth?.optional ? [] : [`if (!source) ${refuse("give it a token or getToken")}`]),
        ]
      : []),
  ];
  const parts = [
    ...(c.rateLimit ? ["limiterFor"] : []),
    ...(c.pagination ? ["paginate"] : []),
    ...(c.validationMessage ? [`validationMessage: ${c.validationMessage}`] : []),
    ...(c.bodyWait ? [`bodyWait: ${c.bodyWait}`] : []),
    "operationIds",
  ];
  return [
    ...jsdoc(c.doc),
    `export function ${factory}<Throws extends boolean = false>(`,
    `  options: ${p}ClientOptions & { throwOnError?: Throws },`,
    `): ${p}Client<Throws> {`,
    ...checks.map((line) => `  ${line}`),
    `  return createApiClientWith<routes, Throws>({ ${parts.join(", ")} }, {`,
    ...settings(block, c).map((s) => `    ${s},`),
    "  });",
    "}",
    "",
  ];
}

/** The core client's options, one entry a line. @param {Block} block @param {Client} c */
function settings(block, c) {
  const auth = c.auth && STRATEGIES[c.auth.strategy]?.call(c.auth, c);
  const security = c.auth && literal({ scheme: c.auth.scheme, operations: "%security%", ...(c.auth.missing ? { missing: c.auth.missing } : {}) }).replace(`"%security%"`, "security");
  // One limiter per credential and server; the key holds no secret (checkBlock refuses a secret in keyBy).
  const limiterKey = ["${baseUrl}", ...(c.rateLimit?.keyBy ?? []).map((n) => `\${${n}}`)].join(":");
  return [
    "...rest",
    "baseUrl",
    `vendor: ${JSON.stringify(block.spec)}`,
    ...(c.auth ? [`auth: ${c.auth.strategy === "bearerToken" && c.auth.optional ? `source ? ${auth} : undefined` : auth}`, `security: ${security}`] : []),
    ...(c.rateLimit ? [`rateLimit: rateLimit === false ? false : { ...(rateLimit ?? ${constants(block).rateLimit}), key: \`${block.spec}:${limiterKey}\` }`] : []),
    "emptySuccess",
    "secretParams",
    ...(c.pagination ? ["maxPageSize", `pagination: ${c.pagination}`] : []),
    // The spec's comma-separated arrays and those it marks `x-specyard-query: php-indexed` (the route table's `queryArrays`).
    ...(c.querySerializer === "styledQuerySerializer" ? ["querySerializer: styledQuerySerializer(queryArrays)"] : c.querySerializer ? [`querySerializer: ${literal(c.querySerializer)}`] : []),
  ];
}

/** `src/generated/mock.ts`: the `./mock` entry's handlers (src/mock.ts re-exports it). @param {Block} block @param {{ header: string }} options */
export function mockSource(block, { header }) {
  checkBlock(block);
  const title = block.title ?? block.prefix;
  return `${header}import { createSpecHandlers, type MockOptions } from "@specyard/mock";
import type { HttpHandler } from "msw";
import spec from "../../openapi.json" with { type: "json" };
import type { operations } from "./schema.js";

export type { OperationResolver, Overrides } from "@specyard/mock";
export type ${block.prefix}MockOptions = MockOptions<operations>;

/**
 * MSW request handlers for every ${title} operation, from the bundled spec: spec examples, the spec's 401
 * without credentials, its 400/422 for a request that does not conform, paged lists that end.
 * \`overrides\` answers chosen operations (by operationId) with bodies type-checked against their responses.
 */
export function createHandlers(options: ${block.prefix}MockOptions = {}): HttpHandler[] {
  return createSpecHandlers(spec, options);
}

/** The handlers at ${title}'s default base URL. */
export const handlers: HttpHandler[] = createHandlers();
`;
}

/** `src/generated/validate.ts`: the `./validate` entry's validators (src/validate.ts re-exports it). @param {Block} block @param {{ header: string }} options */
export function validateSource(block, { header }) {
  return `${header}import { responseValidators } from "@specyard/core";
import { table } from "./validators.js";

/**
 * Precompiled validators for every JSON answer the ${block.title ?? block.prefix} spec declares (ajv standalone code, generated
 * at build time: no schema is compiled at run time). Pass them to the client to hear of drift:
 * \`validate: { responses, mode: "report", onDrift }\`.
 */
export const responses = responseValidators(table);
`;
}
