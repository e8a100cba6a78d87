import { createSpecHandlers, type MockOptions } from "@specyard/mock";
import type { HttpHandler } from "msw";
import spec from "../openapi.json" with { type: "json" };
import type { operations } from "./generated/schema.js";

export type { OperationResolver, Overrides } from "@specyard/mock";
export type EndreMockOptions = MockOptions<operations>;

/**
 * MSW request handlers for every Endre operation, from the bundled spec: spec examples, the spec's 401
 * without credentials, its 400/422 for a request that does not conform, paged lists that end.
 * `overrides` answers chosen operations (by operationId) with bodies type-checked against their responses.
 */
export function createHandlers(options: EndreMockOptions = {}): HttpHandler[] {
  return createSpecHandlers(spec, options);
}

/** The handlers at Endre's default base URL. */
export const handlers: HttpHandler[] = createHandlers();
