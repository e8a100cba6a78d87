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
 * The options type, the constants and the factory of `block.client`.
 * @param {Block} block @param {Client} c
 */
function clientSource(block, c) {
  const p = /** @type {string} */ (block.prefix);
  const factory = factoryName(block);
  const strategy = c.auth ? STRATEGIES[c.auth.strategy] : undefined;
  const names = credentialNames(c);
  const bearer = c.auth?.strategy === "bearerToken";
  const imports = ["createApiClientWith"];
  const routeImports = ["emptySuccess", "secretParams"];
  const parts = [];
  const settings = [];
  const out = [];
  const constant = constants(block);

  // The options: credentials, base URL, rate limit.
  const members = [];
  // A bearer token's options are the `token`/`getToken` union below.
  if (!bearer) for (const [name, o] of Object.entries(c.credentials ?? {})) members.push(...jsdoc(o.doc, "  "), `  ${name}: string;`);
  const base = c.baseUrl;
  const baseDoc = base.doc ?? (base.default !== undefined ? `Default \`${base.default}\`.` : undefined);
  members.push(...jsdoc(baseDoc, "  "), `  baseUrl${base.default !== undefined ? "?" : ""}: string;`);
  if (c.rateLimit) members.push(...jsdoc(c.rateLimit.doc, "  "), "  rateLimit?: RateLimit | false;");
  if (bearer) {
    // A static token or a function that returns one (`getToken`), at most one of them; none when optional.
    const authType = `${p}AuthOptions`;
    out.push(
      ...jsdoc(c.auth?.doc),
      `export type ${authType} =`,
      "  | { token: string; getToken?: never }",
      `  | { getToken: () => string | Promise<string>; token?: never }${c.auth?.optional ? "" : ";"}`,
      ...(c.auth?.optional ? ["  | { token?: never; getToken?: never };"] : []),
      "",
      `export type ${p}ClientOptions = ${authType} &`,
      "  ClientSettings & {",
      ...members.map((m) => `  ${m}`),
      "  };",
      "",
    );
  } else {
    out.push(`export interface ${p}ClientOptions extends ClientSettings {`, ...members, "}", "");
  }
  if (base.default !== undefined) out.push(`export const ${constant.baseUrl} = ${JSON.stringify(base.default)};`);
  if (c.rateLimit) {
    const { limit, windowMs } = c.rateLimit;
    out.push(...jsdoc(c.rateLimit.why), `export const ${constant.rateLimit}: RateLimit = ${literal({ limit, windowMs })};`);
  }
  if (base.default !== undefined || c.rateLimit) out.push("");

  // The factory's body: what it takes out of the options, what it checks, then the client.
  const own = bearer ? ["token", "getToken"] : [...names, ...(c.rateLimit ? ["rateLimit"] : [])];
  const lines = [`  const { ${[...own, "...rest"].join(", ")} } = options;`];
  if (base.default !== undefined) lines.push(`  const baseUrl = options.baseUrl ?? ${constant.baseUrl};`);
  else {
    imports.push("ConfigurationError");
    lines.push("  const { baseUrl } = rest;", `  if (!baseUrl) throw new ConfigurationError(${JSON.stringify(`${factory}: baseUrl is required (${base.required})`)});`);
  }
  if (bearer) {
    imports.push("ConfigurationError");
    lines.push(
      "  if (token !== undefined && getToken !== undefined) {",
      `    throw new ConfigurationError(${JSON.stringify(`${factory}: give either token or getToken, not both`)});`,
      "  }",
      `  if (token === "") throw new ConfigurationError(${JSON.stringify(`${factory}: token is empty${c.auth?.optional ? ` (leave it out to ${c.auth.optional})` : ""}`)});`,
      "  const source = token || getToken;",
      ...(c.auth?.optional ? [] : [`  if (!source) throw new ConfigurationError(${JSON.stringify(`${factory}: give it a token or getToken`)});`]),
    );
  }
  settings.push("...rest", "baseUrl", `vendor: ${JSON.stringify(block.spec)}`);
  if (c.auth && strategy) {
    imports.push(c.auth.strategy);
    const call = strategy.call(c.auth, c);
    settings.push(`auth: ${bearer && c.auth.optional ? `source ? ${call} : undefined` : call}`);
    const security = { scheme: c.auth.scheme, operations: "%security%", ...(c.auth.missing ? { missing: c.auth.missing } : {}) };
    settings.push(`security: ${literal(security).replace(`"%security%"`, "security")}`);
    routeImports.push("security");
  }
  if (c.rateLimit) {
    imports.push("limiterFor");
    parts.push("limiterFor");
    const key = ["${baseUrl}", ...(c.rateLimit.keyBy ?? []).map((n) => `\${${n}}`)].join(":");
    // One limiter per credential and server; the key holds no secret (checkBlock refuses a secret in keyBy).
    settings.push(`rateLimit: rateLimit === false ? false : { ...(rateLimit ?? ${constant.rateLimit}), key: \`${block.spec}:${key}\` }`);
  }
  settings.push("emptySuccess", "secretParams");
  if (c.pagination) {
    imports.push("paginate", c.pagination);
    parts.push("paginate");
    routeImports.push("maxPageSize");
    settings.push("maxPageSize", `pagination: ${c.pagination}`);
  }
  if (c.querySerializer === "styledQuerySerializer") {
    // The spec's comma-separated arrays and those it marks `x-specyard-query: php-indexed` (the route table's `queryArrays`).
    imports.push("styledQuerySerializer");
    routeImports.push("queryArrays");
    settings.push("querySerializer: styledQuerySerializer(queryArrays)");
  } else if (c.querySerializer) settings.push(`querySerializer: ${literal(c.querySerializer)}`);
  if (c.validationMessage) {
    imports.push(c.validationMessage);
    parts.push(`validationMessage: ${c.validationMessage}`);
  }
  if (c.bodyWait) {
    imports.push(c.bodyWait);
    parts.push(`bodyWait: ${c.bodyWait}`);
  }
  parts.push("operationIds");

  out.push(
    ...jsdoc(c.doc),
    `export function ${factory}<Throws extends boolean = false>(`,
    `  options: ${p}ClientOptions & { throwOnError?: Throws },`,
    `): ${p}Client<Throws> {`,
    ...lines,
    `  return createApiClientWith<routes, Throws>({ ${parts.join(", ")} }, {`,
    ...settings.map((s) => `    ${s},`),
    "  });",
    "}",
    "",
  );
  return { imports, routeImports: [...new Set(routeImports)].sort(), text: `\n${out.join("\n")}` };
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
