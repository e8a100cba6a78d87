// @ts-check
// The vendors the release commands know: the APIs of redocly.yaml that a package is built from, and
// reading a spec file given on the command line.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { ROOT, bundleApi, findVendorPackage, listApis } from "../../lib/specs.mjs";
import { InputError } from "./cli.mjs";

/** @typedef {{ vendor: string, name: string, version: string, dir: string, bundled: string }} Vendor */

/** Every vendor with a package, in redocly.yaml's order. */
export function listVendors(root = ROOT) {
  /** @type {Vendor[]} */
  const out = [];
  for (const api of listApis(root)) {
    const pkg = findVendorPackage(api.name, root);
    if (pkg) out.push({ vendor: api.name, name: pkg.name, version: pkg.version, dir: pkg.dir, bundled: `${pkg.dir}/openapi.json` });
  }
  return out;
}

/** The vendors named on the command line (all when none is named). */
export function pickVendors(/** @type {string[]} */ names, root = ROOT) {
  const all = listVendors(root);
  if (names.length === 0) return all;
  return names.map((name) => {
    const found = all.find((v) => v.vendor === name || v.name === name);
    if (!found) throw new InputError(`unknown vendor "${name}" (known: ${all.map((v) => v.vendor).join(", ")})`);
    return found;
  });
}

/**
 * A spec from a file: a bundled `.json` is read as is, a YAML source is bundled with redocly first.
 * Throws an InputError naming the file when it cannot be read, does not bundle or is not OpenAPI 3.
 * @param {string} file
 */
export async function readSpecFile(file) {
  const shown = relative(process.cwd(), file) || file;
  if (!existsSync(file)) throw new InputError(`${shown}: no such file${file.endsWith("openapi.json") ? " (run pnpm build first)" : ""}`);
  /** @type {unknown} */
  let doc;
  if (/\.ya?ml$/i.test(file)) {
    try {
      doc = await bundleApi(file);
    } catch {
      throw new InputError(`${shown}: does not bundle (run: pnpm exec redocly bundle ${shown})`);
    }
  } else {
    try {
      doc = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new InputError(`${shown}: not JSON (${/** @type {Error} */ (error).message.split("\n")[0]})`);
    }
  }
  return assertOpenApi(doc, shown);
}

/** The document, if it is an OpenAPI 3.x document with `paths`; otherwise an InputError naming `where`. */
export function assertOpenApi(/** @type {any} */ doc, /** @type {string} */ where) {
  const version = doc && typeof doc === "object" ? doc.openapi : undefined;
  if (typeof version !== "string" || !/^3\./.test(version)) throw new InputError(`${where}: not an OpenAPI 3.x document (no "openapi": "3.x" field)`);
  if (!doc.paths || typeof doc.paths !== "object") throw new InputError(`${where}: OpenAPI document without "paths"`);
  return doc;
}
