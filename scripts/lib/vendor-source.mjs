// @ts-check
/**
 * `src/generated/vendor.ts` of a vendor package: what every vendor entry would otherwise write again
 * (the error-body type, the error type and its guard, the client type, the tracer's operationIds), named
 * from the package's `"specyard"` block in package.json:
 *   "specyard": { "spec": "endre", "prefix": "Endre", "errorBodies": "FastAPI `detail` bodies" }
 * `prefix` starts the public names (`EndreClient`, `EndreError`); `errorGuard` names the guard where it is
 * not `is<prefix>Error` (12Build's `is12BuildError`); `errorBodies` describes the bodies in one phrase.
 * @param {{ spec: string, prefix?: string, errorGuard?: string, errorBodies?: string }} block @param {{ header: string }} options
 */
export function vendorSource(block, { header }) {
  const p = block.prefix;
  if (!p) throw new Error(`package.json "specyard" of ${block.spec} names no "prefix" (e.g. "Endre" for EndreClient)`);
  const guard = block.errorGuard ?? `is${p}Error`;
  const bodies = block.errorBodies ? ` (${block.errorBodies})` : "";
  return `${header}import { isApiError, type ApiClient, type ApiError, type ApiErrorClass, type ErrorBodyOf } from "@specyard/core";
import type { routes } from "./routes.js";

/** The error bodies the spec declares${bodies}, read from the route table, or a \`RawErrorBody\`. */
export type ${p}ErrorBody = ErrorBodyOf<routes>;
export type ${p}Error = ApiError<${p}ErrorBody>;
/** Whether \`e\` is an \`ApiError\` (of \`Class\` when given: \`${guard}(e, NotFoundError)\`) typed with this API's error bodies (not checked at run time). */
export const ${guard} = <E extends ApiError<unknown> = ApiError>(e: unknown, Class?: ApiErrorClass<E>): e is E & ${p}Error => isApiError(e, Class);
/** \`${p}Client<true>\` is the client built with \`throwOnError: true\` (calls resolve only on success). */
export type ${p}Client<Throws extends boolean = false> = ApiClient<routes, Throws>;

/** The spec's operationIds, loaded only by a client with a \`tracer\` (the spans' \`specyard.operation\`). */
export const operationIds = () => import("./operations.js").then((m) => m.operationIds);
`;
}
