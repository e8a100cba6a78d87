// @ts-check
// What a published tarball must not contain: tests, a file that points at a missing one, an
// unpublishable dependency range, a secret. Each check returns the problems it found as lines.
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";

/** Test files and folders. */
const TEST_FILE = /(^|\/)(test|tests|__tests__|__mocks__)\/|\.(test|spec)\.[cm]?[jt]sx?$/;
/** Files that hold credentials by their nature. */
const SECRET_FILE = /(^|\/)(\.npmrc|\.env(\..*)?|id_rsa|id_ed25519|.*\.pem|.*\.key)$/;
/** Credentials by their shape: npm, GitHub and AWS tokens, private keys, an npmrc auth line. */
const SECRET_TEXT = [/_authToken\s*=/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, /\bnpm_[A-Za-z0-9]{36}\b/, /\bgh[pousr]_[A-Za-z0-9]{36}\b/, /\bAKIA[0-9A-Z]{16}\b/];
/** A range that only a never-released 0.0.0 satisfies, or pnpm's workspace protocol. */
const UNPUBLISHABLE_RANGE = /^workspace:|^[\^~=]?0\.0\.0$/;
/** Relative imports and source maps inside code and declaration files. */
const REFERENCE = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']|sourceMappingURL=([^\s'"]+)/gm;
const CODE_FILE = /\.(?:[cm]?js|d\.[cm]?ts)$/;

/**
 * @param {string} dir the unpacked tarball (its `package/` folder)
 * @param {string[]} files every file in it, relative to `dir`
 * @param {{ extraSecrets?: string[] }} [options] literal strings that must not appear (the rehearsal's token)
 * @returns {string[]} problems
 */
export function checkTarball(dir, files, { extraSecrets = [] } = {}) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const present = new Set(files);
  const problems = [];

  for (const f of files.filter((f) => TEST_FILE.test(f))) problems.push(`ships a test file: ${f}`);
  for (const f of files.filter((f) => SECRET_FILE.test(f))) problems.push(`ships a credentials file: ${f}`);

  for (const target of manifestTargets(manifest)) {
    if (!present.has(posix.normalize(target))) problems.push(`package.json points at ${target}, which is not in the tarball`);
  }
  for (const f of files.filter((f) => CODE_FILE.test(f))) {
    const text = readFileSync(join(dir, f), "utf8");
    for (const m of text.matchAll(REFERENCE)) {
      const ref = m[1] ?? m[2];
      if (!ref || ref.startsWith("data:")) continue;
      const target = posix.join(posix.dirname(f), ref);
      if (!candidates(target).some((c) => present.has(c))) problems.push(`${f} points at ${ref}, which is not in the tarball`);
    }
  }

  for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"]) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      // devDependencies are not installed for users; only pnpm's protocol is wrong there.
      const bad = field === "devDependencies" ? String(range).startsWith("workspace:") : UNPUBLISHABLE_RANGE.test(String(range));
      if (bad) problems.push(`${field}.${name} is "${range}"`);
    }
  }

  for (const f of files) {
    const text = readFileSync(join(dir, f), "utf8");
    for (const pattern of SECRET_TEXT) if (pattern.test(text)) problems.push(`${f} contains something shaped like a credential (${pattern})`);
    for (const secret of extraSecrets) if (text.includes(secret)) problems.push(`${f} contains the registry token`);
  }
  return problems;
}

/** Every file the manifest names: main, module, types, bin and each `exports` target (patterns skipped). */
function manifestTargets(/** @type {any} */ manifest) {
  /** @type {string[]} */
  const out = [];
  const add = (/** @type {unknown} */ v) => {
    if (typeof v === "string") {
      if (!v.includes("*")) out.push(v.replace(/^\.\//, ""));
    } else if (v && typeof v === "object") for (const x of Object.values(v)) add(x);
  };
  add(manifest.main);
  add(manifest.module);
  add(manifest.types);
  add(manifest.typings);
  add(typeof manifest.bin === "string" ? manifest.bin : manifest.bin ?? undefined);
  add(manifest.exports);
  return out;
}

/** The files an import specifier can mean: as written, `.js` → `.d.ts` for declarations, a folder's index. */
function candidates(/** @type {string} */ target) {
  const base = target.replace(/\.([cm]?)js$/, "");
  const flavour = target.match(/\.([cm]?)js$/)?.[1] ?? "";
  return [target, `${base}.d.${flavour}ts`, `${target}.js`, `${target}.d.ts`, posix.join(target, "index.js"), posix.join(target, "index.d.ts")];
}

