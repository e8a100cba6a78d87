import { responseValidators } from "@specyard/core";
import { table } from "./generated/validators.js";

/**
 * Precompiled validators for every JSON answer the 12Build REST contractor spec declares (ajv standalone code, generated
 * at build time: no schema is compiled at run time). Pass them to the client to hear of drift:
 * `validate: { responses, mode: "report", onDrift }`.
 */
export const responses = responseValidators(table);
