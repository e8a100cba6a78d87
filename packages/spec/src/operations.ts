import { deref, esc, resolvePointer, type Json, type OpenApiDoc } from "./pointer.js";

/** OpenAPI's methods. MSW has no `trace` handler; no spec here uses it. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
/** Whether a path item's key is an operation's method. */
export const isHttpMethod = (key: string): key is HttpMethod => (HTTP_METHODS as readonly string[]).includes(key);

export interface Parameter {
  /** Where the parameter is defined (`$ref`s followed). */
  pointer: string;
  definition: Json;
}

export interface Operation {
  operationId: string;
  method: HttpMethod;
  path: string;
  /** JSON pointer to the operation object. */
  pointer: string;
  definition: Json;
  /** The path item the operation belongs to (`$ref` followed). */
  item: Json;
  /** Path-item and operation parameters (operation wins), `$ref`s followed, with the pointer of each. */
  parameters: Parameter[];
}

/** Every operation of the spec, in document order. */
export function listOperations(spec: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, rawItem] of Object.entries(spec.paths ?? {})) {
    const item = deref(spec, rawItem);
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const pointer = `/paths/${esc(path)}/${method}`;
      const byKey = new Map<string, Parameter>();
      for (const base of [`/paths/${esc(path)}/parameters`, `${pointer}/parameters`]) {
        const list = resolvePointer(spec, base)?.node;
        if (!Array.isArray(list)) continue;
        list.forEach((_, i) => {
          const p = resolvePointer(spec, `${base}/${i}`);
          if (p?.node) byKey.set(`${p.node.in}:${p.node.name}`, { pointer: p.pointer, definition: p.node });
        });
      }
      out.push({ operationId: op.operationId, method, path, pointer, definition: op, item, parameters: [...byKey.values()] });
    }
  }
  return out;
}

/** The key of `responses` that answers `status`: `401`, else `4XX`, else `default`. */
export function responseKey(op: Operation, status: number): string | undefined {
  const responses = op.definition.responses ?? {};
  return [String(status), `${String(status)[0]}XX`, "default"].find((k) => k in responses);
}

/** The first server's URL with its variables' defaults (`https://{host}` → `https://api.example.com`), without a trailing slash. */
export function defaultBaseUrl(spec: OpenApiDoc): string {
  const server = spec.servers?.[0];
  if (!server?.url) throw new Error("the spec declares no server: pass baseUrl");
  const url = String(server.url).replace(/\{([^}]+)\}/g, (_, name: string) => String(server.variables?.[name]?.default ?? name));
  return url.replace(/\/+$/, "");
}
