// @ts-check
// The spec of a vendor's last release, which spec:diff and release:check compare against.
//
// Where it lives, in the order it is looked for (RELEASING.md, "The baseline"):
//   1. the registry: the openapi.json inside <package>@<version in package.json> (every vendor
//      package ships its bundled spec; the version in package.json is the last one released);
//   2. offline, or when the registry does not have it: specs/ at the git tag changesets made for
//      that release (<package>@<version>), bundled the way the build bundles it;
//   3. version 0.0.0 with neither: never released, so there is no baseline (every operation is new).
// Anything else fails: the gate never passes for want of a baseline.
// `--since REF` replaces all of this with specs/ at REF.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ROOT, bundleApi, listApis } from "../../lib/specs.mjs";
import { InputError } from "./cli.mjs";
import { assertOpenApi } from "./vendors.mjs";

/** @typedef {import("./vendors.mjs").Vendor} Vendor */
/** @typedef {{ spec: any, source: string }} Baseline spec null = never released */

export const DEFAULT_REGISTRY = "https://registry.npmjs.org/";
const REGISTRY_TIMEOUT_MS = 10_000;

/** The registry to read releases from: SPECYARD_REGISTRY, else npm's configured registry. */
export const releaseRegistry = () => process.env.SPECYARD_REGISTRY || process.env.npm_config_registry || DEFAULT_REGISTRY;

/**
 * @param {Vendor} vendor
 * @param {{ since?: string, registry?: string | false, root?: string }} [options] registry false = offline
 * @returns {Promise<Baseline>}
 */
export async function findBaseline(vendor, { since, registry = releaseRegistry(), root = ROOT } = {}) {
  if (since) return specAtRef(since, vendor.vendor, root);
  const release = `${vendor.name}@${vendor.version}`;
  if (registry) {
    const spec = await specFromRegistry(vendor.name, vendor.version, registry);
    if (spec) return { spec: assertOpenApi(spec, `openapi.json of ${release} on ${registry}`), source: `${release} on ${registry}` };
  }
  if (tagExists(release, root)) return specAtRef(release, vendor.vendor, root);
  if (vendor.version === "0.0.0") return { spec: null, source: "none: never released" };
  throw new InputError(`no baseline for ${release}: not on ${registry || "the registry (offline)"} and no git tag ${release}`);
}

/**
 * The openapi.json inside a published tarball, or null when that version is not published or the
 * registry cannot be reached (then the git tag is the fallback).
 */
export async function specFromRegistry(/** @type {string} */ name, /** @type {string} */ version, /** @type {string} */ registry) {
  const base = registry.endsWith("/") ? registry : `${registry}/`;
  try {
    const meta = await fetch(`${base}${name.replace("/", "%2f")}`, { signal: AbortSignal.timeout(REGISTRY_TIMEOUT_MS), headers: { accept: "application/json" } });
    if (!meta.ok) return null;
    const tarball = (await meta.json())?.versions?.[version]?.dist?.tarball;
    if (typeof tarball !== "string") return null;
    const response = await fetch(tarball, { signal: AbortSignal.timeout(REGISTRY_TIMEOUT_MS) });
    if (!response.ok) return null;
    const text = execFileSync("tar", ["-xzO", "package/openapi.json"], { input: Buffer.from(await response.arrayBuffer()), maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(String(text));
  } catch {
    return null;
  }
}

const tagExists = (/** @type {string} */ tag, /** @type {string} */ root) =>
  spawnSync("git", ["rev-parse", "-q", "--verify", `refs/tags/${tag}`], { cwd: root, stdio: "ignore" }).status === 0;

/**
 * The vendor's spec as it was at a git ref: specs/ and redocly.yaml from the ref, bundled in a
 * temporary folder. A vendor that did not exist at the ref has no baseline.
 * @returns {Promise<Baseline>}
 */
export async function specAtRef(/** @type {string} */ ref, /** @type {string} */ vendor, root = ROOT) {
  const commit = spawnSync("git", ["rev-parse", "-q", "--verify", `${ref}^{commit}`], { cwd: root, encoding: "utf8" });
  if (commit.status !== 0) throw new InputError(`git ref "${ref}" not found`);
  // A commit's specs never change: its bundles are kept (node_modules/.cache), keyed by commit.
  const cached = join(root, "node_modules/.cache/specyard-baselines", commit.stdout.trim(), `${vendor}.json`);
  let spec;
  if (existsSync(cached)) spec = JSON.parse(readFileSync(cached, "utf8"));
  else {
    const dir = mkdtempSync(join(tmpdir(), "specyard-baseline-"));
    try {
      spec = await bundleAtRef(ref, vendor, root, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    mkdirSync(dirname(cached), { recursive: true });
    writeFileSync(cached, JSON.stringify(spec));
  }
  return { spec, source: spec ? `specs/ at ${ref}` : `none: ${vendor} did not exist at ${ref}` };
}

/** specs/ and redocly.yaml from `ref`, unpacked into `dir`, and the vendor's spec bundled there (null: no such vendor then). */
async function bundleAtRef(/** @type {string} */ ref, /** @type {string} */ vendor, /** @type {string} */ root, /** @type {string} */ dir) {
  const archive = spawnSync("git", ["archive", "--format=tar", ref, "redocly.yaml", "specs"], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  if (archive.status !== 0) throw new InputError(`${ref}: no redocly.yaml or specs/ at that ref`);
  execFileSync("tar", ["-x", "-C", dir], { input: archive.stdout });
  const api = listApis(dir).find((a) => a.name === vendor);
  if (!api || !existsSync(api.file)) return null;
  try {
    return assertOpenApi(await bundleApi(vendor, dir), `${api.root} at ${ref}`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${api.root} at ${ref} does not bundle`);
  }
}
