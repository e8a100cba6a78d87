// One reader of a bundled OpenAPI 3.1 spec, for the generator, the mocks, verify and the tests.
// Floors: pointer.ts (imports nothing) ← operations.ts, assumed.ts ← validator.ts.
export { deref, esc, resolvePointer, unesc, valueAt, type Json, type OpenApiDoc } from "./pointer.js";
export { HTTP_METHODS, defaultBaseUrl, isHttpMethod, listOperations, responseKey, type HttpMethod, type Operation, type Parameter } from "./operations.js";
export { assumedParts, isAssumed, type AssumedPart } from "./assumed.js";
export { SpecValidator, createAjv, isJsonMedia, type Example } from "./validator.js";
export type { ErrorObject, ValidateFunction } from "ajv";
