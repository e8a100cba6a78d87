// The read-only crawl: every GET operation it can fill, lists first, then details and children with ids
// taken from earlier answers. It sends nothing but GETs (and, through the client, the token request).
import { ConnectionError, TimeoutError } from "@specyard/core";
import { proxyFailure } from "./proxy.js";
import type { Operation, Spec, Violation } from "./spec.js";
import type { CrawlClient } from "./vendors.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export interface OperationResult {
  operationId: string;
  method: string;
  path: string;
  reached: boolean;
  status?: number;
  reason?: string;
  violations: Violation[];
  assumed: boolean;
}

const PAGE = /^(page|pageNumber|page_number)$/i;
const PAGE_SIZE = /^(pageSize|page_size|per_page|perPage|limit)$/i;

/** The first element of a list answer: a plain array, or an envelope's `items`/`data`/`_embedded` array. */
function firstItem(body: unknown): Json | undefined {
  if (Array.isArray(body)) return isObject(body[0]) ? body[0] : undefined;
  if (!isObject(body)) return undefined;
  for (const v of Object.values(body)) if (Array.isArray(v) && isObject(v[0])) return v[0];
  return undefined;
}

const norm = (s: string) => s.replace(/[_-]/g, "").toLowerCase();

/** A scalar field of `item` that fits parameter `name`: the same name (any casing), else its `id`. */
function fieldFor(item: Json | undefined, name: string, idFallback: boolean): unknown {
  if (!item) return undefined;
  const key = Object.keys(item).find((k) => norm(k) === norm(name)) ?? (idFallback ? Object.keys(item).find((k) => norm(k) === "id") : undefined);
  const v = key === undefined ? undefined : item[key];
  return typeof v === "string" || typeof v === "number" ? v : undefined;
}

/**
 * One GET through the proxy: the answer's response and text, or why the API gave none. When the proxy got no
 * answer from the upstream, the GET (safe to repeat) goes once more. When the client got no answer at all
 * (its own retries and deadline spent), the operation is not reached; unless no operation was reached
 * yet: then the API is not reachable and the error goes to the caller.
 */
async function ask(client: CrawlClient, op: Operation, params: Record<string, unknown>, timeoutMs: number, anyReached: boolean): Promise<{ response: Response; text: unknown } | { failure: string }> {
  for (let attempt = 1; ; attempt++) {
    let answer: Awaited<ReturnType<CrawlClient["request"]>>;
    try {
      answer = await client.request("get", op.path, { params, parseAs: "text", timeoutMs });
    } catch (e) {
      if (!anyReached || !(e instanceof ConnectionError || e instanceof TimeoutError)) throw e;
      return { failure: `no answer: ${e.message}` };
    }
    const text = answer.data ?? answer.error;
    const failure = proxyFailure(answer.response.status, answer.response.headers.get("content-type") ?? "", text);
    if (!failure) return { response: answer.response, text };
    if (attempt === 2) return { failure: `Prism's proxy got no answer from the upstream (${failure}); tried twice` };
  }
}

export async function crawl(spec: Spec, client: CrawlClient, operations: Operation[], log: (line: string) => void, timeoutMs: number): Promise<OperationResult[]> {
  /** JSON answers so far, by path template. */
  const answers = new Map<string, unknown>();
  const results = new Map<string, OperationResult>();
  const base = (op: Operation) => ({ operationId: op.operationId, method: op.method, path: op.path, violations: [], assumed: op.assumed });

  /** A value for a path parameter: from the list one level up (`/x` or `/x/list` for `/x/{id}`), else any answer's field of that name. */
  const pathValue = (op: Operation, name: string): unknown => {
    const collection = op.path.slice(0, op.path.indexOf(`{${name}}`)).replace(/\/$/, "");
    for (const list of [collection, `${collection}/list`]) {
      const v = fieldFor(firstItem(answers.get(list)), name, true);
      if (v !== undefined) return v;
    }
    return anyField(name);
  };
  const anyField = (name: string): unknown => {
    for (const body of answers.values()) {
      const v = fieldFor(isObject(body) ? body : undefined, name, false) ?? fieldFor(firstItem(body), name, false);
      if (v !== undefined) return v;
    }
    return undefined;
  };

  /** The request for `op`, or why it cannot be filled yet. */
  const fill = (op: Operation): { path: Json; query: Json } | { missing: string } => {
    const path: Json = {};
    const query: Json = {};
    for (const p of op.parameters) {
      if (p.in === "path") {
        const v = pathValue(op, p.name);
        if (v === undefined) return { missing: `no value for path parameter {${p.name}} (no list answer to take it from)` };
        path[p.name] = v;
      } else if (p.in === "query") {
        if (PAGE.test(p.name)) query[p.name] = 1;
        else if (PAGE_SIZE.test(p.name) && (p.schema.maximum ?? p.schema.default) !== undefined) query[p.name] = p.schema.maximum ?? p.schema.default;
        else if (p.required) {
          const v = p.example ?? (Array.isArray(p.schema.enum) ? p.schema.enum[0] : undefined) ?? anyField(p.name);
          if (v === undefined) return { missing: `no value for required query parameter '${p.name}' (no example, default or earlier answer)` };
          query[p.name] = v;
        }
      }
    }
    return { path, query };
  };

  // Lists (no path parameters) first; then rounds over the rest until no operation can be filled.
  let pending = [...operations].sort((a, b) => a.path.split("{").length - b.path.split("{").length);
  for (let progress = true; progress && pending.length; ) {
    progress = false;
    const next: Operation[] = [];
    for (const op of pending) {
      const request = fill(op);
      if ("missing" in request) {
        next.push(op);
        continue;
      }
      progress = true;
      const answer = await ask(client, op, request, timeoutMs, [...results.values()].some((r) => r.reached));
      if ("failure" in answer) {
        results.set(op.operationId, { ...base(op), reached: false, reason: answer.failure });
        log(`${op.operationId} not reached: ${answer.failure}`);
        continue;
      }
      const { response, text: raw } = answer;
      const contentType = response.headers.get("content-type") ?? "";
      let body: unknown;
      if (/json/i.test(contentType) && typeof raw === "string" && raw.length) {
        try {
          body = JSON.parse(raw);
        } catch {
          body = undefined;
        }
      } else if (raw !== undefined && typeof raw !== "string") body = raw;
      const violations = spec.checkAnswer(op, response.status, contentType, body);
      if (/json/i.test(contentType) && typeof raw === "string" && raw.length && body === undefined) {
        violations.push({ where: "/", message: "body is not valid JSON" });
      }
      for (const v of prismViolations(response)) if (!violations.some((w) => w.where === v.where)) violations.push(v);
      if (response.ok && body !== undefined) answers.set(op.path, body);
      results.set(op.operationId, { ...base(op), reached: true, status: response.status, violations });
      log(`${op.operationId} ${response.status}${violations.length ? ` (${violations.length} violation${violations.length > 1 ? "s" : ""})` : ""}`);
    }
    pending = next;
  }
  for (const op of pending) {
    const request = fill(op);
    results.set(op.operationId, { ...base(op), reached: false, reason: "missing" in request ? request.missing : "not filled" });
  }
  return operations.map((op) => results.get(op.operationId)!);
}

/** What Prism's proxy reports in its `sl-violations` header, as locations and messages. */
function prismViolations(response: Response): Violation[] {
  const header = response.headers.get("sl-violations");
  if (!header) return [];
  try {
    const list = JSON.parse(header) as { location?: unknown[]; message?: string; severity?: string }[];
    return list
      .filter((v) => v.severity !== "Warning" && v.severity !== "Hint")
      .map((v) => {
        const location = (v.location ?? []).map(String);
        const inBody = location[0] === "response" && location[1] === "body";
        return { where: inBody ? `/${location.slice(2).join("/")}` : `prism:${location.join(".")}`, message: `prism: ${v.message ?? "violation"}` };
      });
  } catch {
    return [{ where: "prism", message: "prism reported violations it could not list (header too long)" }];
  }
}
