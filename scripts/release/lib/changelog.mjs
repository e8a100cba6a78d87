// @ts-check
// The API changes of a release, written into the package's CHANGELOG.md under the heading that
// `changeset version` just wrote, so a user reading the changelog sees what changed in the API.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** @typedef {import("./changes.mjs").VendorDiff} VendorDiff */

const MAX_LINES = 60;

/** The markdown section for one release. */
export function apiChangesSection(/** @type {VendorDiff} */ diff) {
  if (diff.base.startsWith("none: never released")) {
    const ids = diff.changes.map((c) => `\`${c.operationId ?? c.message}\``);
    return `### API\n\nFirst release: ${ids.length} operations (${ids.join(", ")}).\n`;
  }
  const order = ["major", "minor", "patch"];
  const lines = [...diff.changes]
    .sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level))
    .map((c) => `- ${c.level}: ${c.message}${c.operationId ? ` (\`${c.operationId}\`)` : ""}`);
  const shown = lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `- … and ${lines.length - MAX_LINES} more (pnpm spec:diff lists them all)`] : lines;
  return `### API changes since ${diff.base}\n\n${shown.join("\n")}\n`;
}

/**
 * Inserts the section under `## <version>` in `<dir>/CHANGELOG.md`. Returns false when the heading
 * is missing (the package was not versioned).
 */
export function writeApiChanges(/** @type {string} */ dir, /** @type {string} */ version, /** @type {string} */ section) {
  const file = join(dir, "CHANGELOG.md");
  if (!existsSync(file)) return false;
  const text = readFileSync(file, "utf8");
  const heading = `## ${version}\n`;
  const at = text.indexOf(heading);
  if (at < 0) return false;
  const insertAt = at + heading.length;
  writeFileSync(file, `${text.slice(0, insertAt)}\n${section}${text.slice(insertAt)}`);
  return true;
}
