import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface VendorBundle {
  /** The spec's folder name under `specs/` (`"specyard": { "spec": … }` in the package.json). */
  vendor: string;
  /** `packages/<dir>/openapi.json`, written by the package's `generate` task. */
  file: string;
}

/** Every vendor package with its bundled spec; throws, naming the file, when a bundle has not been generated. */
export function vendorBundles(root = ROOT): VendorBundle[] {
  const out: VendorBundle[] = [];
  for (const dir of readdirSync(join(root, "packages")).sort()) {
    const pkgFile = join(root, "packages", dir, "package.json");
    if (!existsSync(pkgFile)) continue;
    const vendor: unknown = JSON.parse(readFileSync(pkgFile, "utf8")).specyard?.spec;
    if (typeof vendor !== "string") continue;
    const file = join(root, "packages", dir, "openapi.json");
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm --filter ./packages/${dir} generate\` first`);
    out.push({ vendor, file });
  }
  return out;
}
