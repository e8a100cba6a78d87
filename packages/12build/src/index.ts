// The client, its options and constants are generated from package.json's "specyard" block (src/generated/vendor.ts).
import type { components, operations, paths } from "./generated/schema.js";
import type { routes } from "./generated/routes.js";

export type { components, operations, paths, routes };
/** Errors, options and helpers of the shared runtime (e.g. `formDataBody`), so users need only this package. */
export * from "@specyard/core";
export {
  TWELVE_BUILD_BASE_URL,
  create12BuildClient,
  is12BuildError,
  type TwelveBuildClient,
  type TwelveBuildClientOptions,
  type TwelveBuildError,
  type TwelveBuildErrorBody,
} from "./generated/vendor.js";
