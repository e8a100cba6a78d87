import { ConfigurationError } from "./errors.js";

/**
 * Checks on what a call is about to send, before anything is sent: each refusal is a `ConfigurationError`
 * that names the operation and the parameter or header, never a header's value.
 */

/** A path parameter that would name another resource: empty (`/Comments/`), `.` or `..` (resolved away by every URL parser, even as `%2E%2E`). */
const MOVES_PATH = /^\.{0,2}$/;
/** CR, LF and NUL: a header value with one would end the header (fetch refuses it, quoting the value). */
const BREAKS_HEADER = /[\r\n\0]/;

/** Refuses path parameters of `template` that would change the resource. */
export function assertPathParams(operation: string, template: string, path: Record<string, unknown> | undefined): void {
  for (const [name, value] of Object.entries(path ?? {})) {
    if (!template.includes(`{${name}}`) || value === undefined || value === null || typeof value === "object") continue;
    if (MOVES_PATH.test(String(value))) {
      throw new ConfigurationError(`${operation}: path parameter ${name} is ${JSON.stringify(String(value))}, which would send the request to another resource`);
    }
  }
}

/** Header sources as openapi-fetch takes them: a record (values may be lists), a list of pairs, or `Headers` (already checked by its constructor). */
type HeaderSource = HeadersInit | Record<string, unknown> | undefined | null;

/** Refuses header values with CR, LF or NUL, naming the header only. */
export function assertHeaderValues(operation: string, headers: HeaderSource): void {
  if (!headers || headers instanceof Headers) return;
  const entries: [string, unknown][] = Array.isArray(headers) ? headers.map(([name, value]) => [name, value]) : Object.entries(headers);
  for (const [name, value] of entries) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === "string" && BREAKS_HEADER.test(v)) {
        throw new ConfigurationError(`${operation}: header ${JSON.stringify(name)} has a CR, LF or NUL in its value; not sent`);
      }
    }
  }
}
