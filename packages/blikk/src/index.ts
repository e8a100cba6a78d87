// The client, its options and constants are generated from package.json's "specyard" block (src/generated/vendor.ts).
import type { components, operations, paths } from "./generated/schema.js";
import type { routes } from "./generated/routes.js";

export type { components, operations, paths, routes };
/** Errors, options and helpers of the shared runtime (e.g. `formDataBody`), so users need only this package. */
export * from "@specyard/core";
export {
  BLIKK_BASE_URL,
  BLIKK_RATE_LIMIT,
  createBlikkClient,
  isBlikkError,
  type BlikkClient,
  type BlikkClientOptions,
  type BlikkError,
  type BlikkErrorBody,
} from "./generated/vendor.js";
