// @ts-check
/** How the report prints numbers and tables. */

/** @param {number} bytes */
export const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
/** @param {{ seconds: number, exitCode: number }} step */
export const secs = (step) => `${step.seconds.toFixed(1)} s${step.exitCode === 0 ? "" : ` (failed, exit ${step.exitCode})`}`;
/** @param {string[]} header @param {(string | number)[][]} rows */
export const table = (header, rows) =>
  [`| ${header.join(" | ")} |`, `|${header.map((h) => (/^(contender|bundle|consumer|step|target|auth|carries|list)/i.test(h) ? "---" : "---:")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
