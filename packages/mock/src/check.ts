import { SpecValidator, esc, isJsonMedia, resolvePointer, type Json, type OpenApiDoc, type Operation } from "@specyard/spec";

const isArraySchema = (schema: Json) => schema?.type === "array" || (Array.isArray(schema?.type) && schema.type.includes("array"));

/** `name[a][b]=v` keys of a deepObject parameter, as nested objects. */
function deepObject(query: URLSearchParams, name: string): Json | undefined {
  let out: Json;
  for (const [key, value] of query) {
    if (!key.startsWith(`${name}[`)) continue;
    const path = [...key.slice(name.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? "");
    out ??= {};
    let node = out;
    path.forEach((k, i) => {
      if (i === path.length - 1) node[k] = value;
      else node = node[k] ??= {};
    });
  }
  return out;
}

/** Reads one parameter from the request as the spec serializes it; undefined when absent. */
function readParameter(p: Json, url: URL, headers: Headers, pathParams: Record<string, unknown>, schema: Json): unknown {
  const query = url.searchParams;
  if (p.in === "path") return pathParams[p.name];
  if (p.in === "header") return headers.get(p.name) ?? undefined;
  if (p.in === "cookie") {
    const pair = (headers.get("cookie") ?? "").split(/;\s*/).find((c) => c.startsWith(`${p.name}=`));
    return pair === undefined ? undefined : decodeURIComponent(pair.slice(p.name.length + 1));
  }
  if (p.in !== "query") return undefined;
  if (p.style === "deepObject" || p["x-specyard-query"] === "php-indexed") {
    // Indexed keys (`ids[0]=1&ids[1]=2`) for an array parameter become an array, in index order; a
    // `php-indexed` array sent empty is `ids=`.
    if (query.get(p.name) === "" && isArraySchema(schema)) return [];
    const value = deepObject(query, p.name);
    return isArraySchema(schema) && value ? Object.keys(value).sort((a, b) => Number(a) - Number(b)).map((k) => value[k]) : value;
  }
  if (!query.has(p.name)) return undefined;
  if (!isArraySchema(schema)) return query.get(p.name);
  return p.explode === false ? (query.get(p.name) ?? "").split(",") : query.getAll(p.name);
}

/** Header parameters OpenAPI says to ignore: they are described elsewhere in the document. */
const IMPLIED_HEADERS = new Set(["accept", "content-type", "authorization"]);

/** A request's problems against one operation of the spec: missing or invalid parameters and body. */
export class RequestChecker {
  private readonly strict: SpecValidator;
  private readonly coercing: SpecValidator;

  constructor(private readonly spec: OpenApiDoc) {
    this.strict = new SpecValidator(spec);
    this.coercing = new SpecValidator(spec, { coerce: true });
  }

  /** Every problem found, as short sentences naming the parameter or the body; empty when the request conforms. */
  async problems(op: Operation, request: Request, pathParams: Record<string, unknown>): Promise<string[]> {
    const url = new URL(request.url);
    const out: string[] = [];
    for (const { pointer, definition: p } of op.parameters) {
      if (p.in === "header" && IMPLIED_HEADERS.has(String(p.name).toLowerCase())) continue;
      const schema = resolvePointer(this.spec, `${pointer}/schema`);
      const value = readParameter(p, url, request.headers, pathParams, schema?.node);
      const name = `${p.in} parameter ${p.name}`;
      if (value === undefined || value === "") {
        if (p.required && value === undefined) out.push(`${name} is required`);
        continue;
      }
      if (schema) {
        const problem = this.coercing.check(schema.pointer, value, name);
        if (problem) out.push(problem);
      } else if (p.content) {
        // A parameter with `content` (JSON in a query string): parse, then check.
        const media = Object.keys(p.content)[0] ?? "";
        const at = resolvePointer(this.spec, `${pointer}/content/${esc(media)}/schema`);
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(value));
        } catch {
          out.push(`${name} is not JSON`);
          continue;
        }
        const problem = at && this.strict.check(at.pointer, parsed, name);
        if (problem) out.push(problem);
      }
    }
    const body = resolvePointer(this.spec, `${op.pointer}/requestBody`);
    if (body?.node) out.push(...(await this.bodyProblems(body.node, body.pointer, request)));
    return out;
  }

  private async bodyProblems(requestBody: Json, pointer: string, request: Request): Promise<string[]> {
    const text = await request.clone().text();
    if (text === "") return requestBody.required ? ["the request body is required"] : [];
    const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    const media = Object.keys(requestBody.content ?? {}).find((m) => m.toLowerCase() === type);
    if (!media) return [`the request body's media type ${type || "(none)"} is not one the spec declares`];
    const schema = resolvePointer(this.spec, `${pointer}/content/${esc(media)}/schema`);
    if (!schema) return [];
    if (isJsonMedia(media)) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return ["the request body is not JSON"];
      }
      const problem = this.strict.check(schema.pointer, value, "body");
      return problem ? [problem] : [];
    }
    if (media === "application/x-www-form-urlencoded") {
      const problem = this.coercing.check(schema.pointer, Object.fromEntries(new URLSearchParams(text)), "body");
      return problem ? [problem] : [];
    }
    if (media === "multipart/form-data") {
      const form = await request.clone().formData();
      // Files become their names: `format: binary` accepts any string.
      const fields: Record<string, unknown> = {};
      form.forEach((v, k) => (fields[k] = typeof v === "string" ? v : v.name || "file"));
      const problem = this.coercing.check(schema.pointer, fields, "body");
      return problem ? [problem] : [];
    }
    return [];
  }

  /** Whether `body` conforms to the schema at `pointer` (the handlers' own answers are checked in tests with this). */
  conforms(pointer: string, body: unknown): string | undefined {
    return this.strict.check(pointer, body, "body");
  }
}
