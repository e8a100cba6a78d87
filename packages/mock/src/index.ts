import { http, type DefaultBodyType, type HttpHandler, type HttpResponseResolver, type PathParams } from "msw";
import { answerFor, laterPage, successStatus, toResponse } from "./answer.js";
import { RequestChecker } from "./check.js";
import { defaultBaseUrl, listOperations, resolvePointer, responseKey, type Json, type OpenApiDoc, type Operation } from "@specyard/spec";

export { MINIMAL_PDF, laterPage } from "./answer.js";
export { defaultBaseUrl, listOperations, resolvePointer, type OpenApiDoc, type Operation } from "@specyard/spec";

/**
 * Every body an operation (an entry of openapi-typescript's `operations`) documents, success or error.
 * A body the spec leaves untyped (`unknown`, e.g. 12Build's error bodies) is left out: it would swallow
 * the typed ones; answer such statuses with a `null` body.
 */
export type ResponseBodyOf<Op> = Op extends { responses: infer R }
  ? { [S in keyof R]: R[S] extends { content: infer C } ? (unknown extends C[keyof C] ? never : C[keyof C]) : undefined }[keyof R]
  : never;

/**
 * An MSW resolver that answers one operation in place of its spec example. Its `HttpResponse` body must
 * be one the operation documents (or `null`: no body, e.g. for a 429 or 500 the spec does not describe).
 */
export type OperationResolver<Op> = HttpResponseResolver<PathParams, DefaultBodyType, Extract<ResponseBodyOf<Op> | null, DefaultBodyType>>;

/** Resolvers keyed by operationId; an operation left out answers its spec example. */
export type Overrides<Operations> = { [Id in keyof Operations]?: OperationResolver<Operations[Id]> };

export interface MockOptions<Operations> {
  /** Where the handlers answer. Default: the spec's first server (variables at their defaults). */
  baseUrl?: string;
  /** Answers of your own for some operations, for requests that pass the spec's auth and request checks. */
  overrides?: Overrides<Operations>;
}

/** Whether the request carries the credentials of one of the operation's security requirements (a `{}` requirement needs none). */
function authorized(spec: OpenApiDoc, op: Operation, request: Request): boolean {
  const requirements: Json[] = op.definition.security ?? spec.security ?? [];
  if (requirements.length === 0) return true;
  const url = new URL(request.url);
  const authorization = request.headers.get("authorization") ?? "";
  const has = (name: string): boolean => {
    const scheme = resolvePointer(spec, `/components/securitySchemes/${name}`)?.node;
    if (!scheme) return false;
    if (scheme.type === "http") return new RegExp(`^${scheme.scheme}\\s+\\S`, "i").test(authorization);
    if (scheme.type === "apiKey") {
      if (scheme.in === "header") return request.headers.has(scheme.name);
      if (scheme.in === "query") return url.searchParams.has(scheme.name);
      return (request.headers.get("cookie") ?? "").split(/;\s*/).some((c) => c.startsWith(`${scheme.name}=`));
    }
    return /^Bearer\s+\S/i.test(authorization); // oauth2, openIdConnect
  };
  return requirements.some((r) => Object.keys(r ?? {}).every(has));
}

/** The status for a request the spec refuses: 422 if the operation declares it, else 400 if declared, else 422 (as Prism does). */
const invalidStatus = (op: Operation) => ["422", "400"].map(Number).find((s) => String(s) in (op.definition.responses ?? {})) ?? 422;

/** Literal path segments sort before templated ones, so `/Tasks/Stats` is matched before `/Tasks/{id}`. */
function bySpecificity(a: Operation, b: Operation): number {
  const sa = a.path.split("/");
  const sb = b.path.split("/");
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const ta = /^\{.*\}$/.test(sa[i] ?? "");
    const tb = /^\{.*\}$/.test(sb[i] ?? "");
    if (ta !== tb) return ta ? 1 : -1;
  }
  return 0;
}

/** `Prefer: code=500, example=name`, as Prism reads it. */
function preference(request: Request): { code?: number; example?: string } {
  const prefer = request.headers.get("prefer") ?? "";
  const code = /\bcode=(\d{3})\b/.exec(prefer)?.[1];
  const example = /\bexample=([^,;\s]+)/.exec(prefer)?.[1];
  return { ...(code ? { code: Number(code) } : {}), ...(example ? { example } : {}) };
}

/** The page number a paged operation was asked for, and its first page; undefined for other operations. */
function pageOf(spec: OpenApiDoc, op: Operation, url: URL): { page: number; first: number } | undefined {
  const param = op.parameters.find((p) => p.definition.in === "query" && /^page$/i.test(p.definition.name));
  if (!param) return undefined;
  const schema = resolvePointer(spec, `${param.pointer}/schema`)?.node ?? {};
  const first = Number(schema.default ?? schema.minimum ?? 1);
  const asked = url.searchParams.get(param.definition.name);
  return { page: asked === null || asked === "" ? first : Number(asked), first };
}

/**
 * MSW request handlers for every operation of a bundled OpenAPI 3.1 spec, answering as Prism's static
 * mode does:
 * - a request without the credentials its operation requires gets the spec's 401;
 * - a missing required parameter, or a parameter or body that does not conform (ajv, the spec's own
 *   schemas) gets the spec's 422 or 400;
 * - otherwise the documented success status with its example (binary media as bytes, a PDF for
 *   `application/pdf`), or an override's answer; `Prefer: code=NNN` picks another documented response;
 * - paged lists (a `page` query parameter) answer the example on the first page and an empty page
 *   with the same totals after it, so a pagination loop ends.
 */
export function createSpecHandlers<Operations>(spec: OpenApiDoc, options: MockOptions<Operations> = {}): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? defaultBaseUrl(spec)).replace(/\/+$/, "");
  const checker = new RequestChecker(spec);
  // Each override was type-checked against its own operation; here they are looked up by id.
  const overrides: Record<string, HttpResponseResolver<PathParams, DefaultBodyType, DefaultBodyType> | undefined> = { ...options.overrides };
  // MSW has no `trace` handler (no spec here uses it).
  const operations = listOperations(spec)
    .filter((op): op is Operation & { method: Exclude<Operation["method"], "trace"> } => op.method !== "trace")
    .sort(bySpecificity);
  return operations.map((op) =>
    http[op.method](`${baseUrl}${op.path.replace(/\{([^}]+)\}/g, ":$1")}`, async (info) => {
      const { request, params } = info;
      const accept = request.headers.get("accept");
      if (!authorized(spec, op, request)) return toResponse(answerFor(spec, op, 401, accept));
      if ((await checker.problems(op, request, params)).length > 0) return toResponse(answerFor(spec, op, invalidStatus(op), accept));
      const override = overrides[op.operationId];
      if (override) return override(info);
      const prefer = preference(request);
      if (prefer.code && responseKey(op, prefer.code)) return toResponse(answerFor(spec, op, prefer.code, accept, prefer.example));
      const answer = answerFor(spec, op, successStatus(op), accept, prefer.example);
      const paged = pageOf(spec, op, new URL(request.url));
      if (paged && paged.page > paged.first) return toResponse({ ...answer, body: laterPage(answer.body, paged.page) });
      return toResponse(answer);
    }),
  );
}
