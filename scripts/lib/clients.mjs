// @ts-check
/**
 * Which clients exist: every vendor package with a `"specyard".client` block (lib/vendor-data.mjs), as
 * its README creates it (factory, variable, options with the credentials from the environment
 * variables verify reads). `paginates`: the client has a pagination scheme for `paginate()`. `token`:
 * the operation the client calls itself to get its token (a user does not), and a call that shows the
 * exchange working. `env`: the variables the options read; `baseUrl`: the server the samples talk to
 * (the default, or the example where the API has no shared host).
 */
import { fileURLToPath } from "node:url";
import { envNames, factoryName, tokenOperation, vendorPackages } from "./vendor-data.mjs";

/**
 * @typedef {{
 *   pkg: string, factory: string, variable: string, paginates: boolean, options: Record<string, string>,
 *   token: { operation: string, call: string } | undefined, env: string[], baseUrl: string
 * }} Client
 * @typedef {string} Vendor
 */

/** The client of `vendor`; throws for a vendor without one. @param {Vendor} vendor @returns {Client} */
export function clientOf(vendor) {
  const c = CLIENTS[vendor];
  if (!c) throw new Error(`${vendor}: no vendor package with a "specyard".client block in packages/*/package.json`);
  return c;
}

/** `acme-build` → `acmeBuild`: a client's variable when its block names none. @param {string} name */
const camel = (name) => name.replace(/[^A-Za-z0-9]+(.)/g, (_, c) => c.toUpperCase()).replace(/^[^A-Za-z_$]+/, "");

/** Where the samples' client goes: the API's server, or the block's example of one. @param {import("./vendor-data.mjs").Client} c */
const exampleBaseUrl = (c) => c.baseUrl.default ?? c.baseUrl.example ?? "https://api.example.com";

/** The options of a sample, as code: a base URL where the API has no shared host, then the credentials from the environment. @param {import("./vendor-data.mjs").Client} c */
function sampleOptions(c) {
  const env = envNames(c);
  /** @type {Record<string, string>} */
  const out = {};
  if (c.baseUrl.default === undefined) out.baseUrl = `${JSON.stringify(exampleBaseUrl(c))} /* your installation */`;
  for (const name of Object.keys(c.credentials ?? {})) out[name] = `process.env.${env[name]} ?? ""`;
  return out;
}

/** @type {Record<Vendor, Client>} */
export const CLIENTS = Object.fromEntries(
  vendorPackages(fileURLToPath(new URL("../..", import.meta.url))).map(({ name, pkg, block }) => {
    const c = /** @type {import("./vendor-data.mjs").Client} */ (block.client);
    const operation = tokenOperation(c);
    const client = {
      pkg,
      factory: factoryName(block),
      variable: c.sample?.variable ?? camel(name),
      paginates: c.pagination !== undefined,
      options: sampleOptions(c),
      token: operation && c.sample?.tokenCall ? { operation, call: c.sample.tokenCall } : undefined,
      env: Object.values(envNames(c)).filter((name) => name !== c.baseUrl.env),
      baseUrl: exampleBaseUrl(c),
    };
    return [name, client];
  }),
);

/**
 * The imports and the client, as the package README creates it.
 * @param {Vendor} vendor @param {boolean} upload whether `formDataBody` is imported too
 */
export function clientLines(vendor, upload) {
  const c = clientOf(vendor);
  return [
    `import { ${c.factory}${upload ? ", formDataBody" : ""} } from "${c.pkg}";`,
    "",
    `const ${c.variable} = ${c.factory}({`,
    ...Object.entries(c.options).map(([k, v]) => `  ${k}: ${v},`),
    "});",
  ];
}
