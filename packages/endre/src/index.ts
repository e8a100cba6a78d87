// The client, its options and constants are generated from package.json's "specyard" block (src/generated/vendor.ts).
import type { components, operations, paths } from "./generated/schema.js";
import type { routes } from "./generated/routes.js";

export type { components, operations, paths, routes };
/** Errors, options and helpers of the shared runtime, so users need only this package. */
export * from "@specyard/core";
export {
  ENDRE_BASE_URL,
  createEndreClient,
  isEndreError,
  type EndreClient,
  type EndreClientOptions,
  type EndreError,
  type EndreErrorBody,
} from "./generated/vendor.js";
