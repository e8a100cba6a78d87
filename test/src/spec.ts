import { readFileSync } from "node:fs";
import type { OpenApiDoc } from "@specyard/spec";

export { HTTP_METHODS, SpecValidator, assumedParts, esc, isJsonMedia, listOperations, resolvePointer, type AssumedPart, type OpenApiDoc, type Operation } from "@specyard/spec";

/** Reads a bundled spec (the `openapi.json` a vendor package builds). */
export function loadSpec(file: string): OpenApiDoc {
  return JSON.parse(readFileSync(file, "utf8")) as OpenApiDoc;
}
