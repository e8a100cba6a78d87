/** Reading a bundled OpenAPI 3.1 document (local `$ref`s only, as `redocly bundle` writes them). */

// The document is JSON of any shape; the readers below check what they use.
export type Json = any;
export type OpenApiDoc = { openapi?: string; info?: Json; paths?: Record<string, Json>; components?: Json; servers?: Json[]; security?: Json[] };

/** The methods MSW intercepts (OpenAPI also has `trace`, which no spec here uses). */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;

export interface Operation {
  operationId: string;
  method: (typeof HTTP_METHODS)[number];
  path: string;
  /** JSON pointer to the operation object. */
  pointer: string;
  definition: Json;
  /** Path-item and operation parameters (operation wins), `$ref`s followed, with the pointer of each. */
  parameters: { pointer: string; definition: Json }[];
}

/** Escapes one JSON pointer segment. */
export const esc = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
const unesc = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");

/** Follows a JSON pointer from the root, resolving local `$ref`s on the way; returns the node and its final pointer. */
export function resolvePointer(spec: OpenApiDoc, pointer: string): { node: Json; pointer: string } | undefined {
  let node: Json = spec;
  let at = "";
  const follow = () => {
    for (let hops = 0; node && typeof node === "object" && typeof node.$ref === "string" && hops < 20; hops++) {
      const ref: string = node.$ref;
      if (!ref.startsWith("#/")) throw new Error(`external $ref ${ref} in bundled spec`);
      at = ref.slice(1);
      node = ref.slice(2).split("/").map(unesc).reduce((n: Json, k) => n?.[k], spec);
    }
  };
  for (const raw of pointer.split("/").slice(1)) {
    follow();
    const key = unesc(raw);
    if (!node || typeof node !== "object" || !(key in node)) return undefined;
    node = node[key];
    at = `${at}/${raw}`;
  }
  follow();
  return { node, pointer: at };
}

/** Every operation of the spec, in document order. */
export function listOperations(spec: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const pointer = `/paths/${esc(path)}/${method}`;
      const byKey = new Map<string, { pointer: string; definition: Json }>();
      for (const base of [`/paths/${esc(path)}/parameters`, `${pointer}/parameters`]) {
        const list = resolvePointer(spec, base)?.node;
        if (!Array.isArray(list)) continue;
        list.forEach((_, i) => {
          const p = resolvePointer(spec, `${base}/${i}`);
          if (p?.node) byKey.set(`${p.node.in}:${p.node.name}`, { pointer: p.pointer, definition: p.node });
        });
      }
      out.push({ operationId: op.operationId, method, path, pointer, definition: op, parameters: [...byKey.values()] });
    }
  }
  return out;
}

/** The first server's URL with its variables' defaults (`https://{host}` → `https://api.example.com`), without a trailing slash. */
export function defaultBaseUrl(spec: OpenApiDoc): string {
  const server = spec.servers?.[0];
  if (!server?.url) throw new Error("the spec declares no server: pass baseUrl");
  const url = String(server.url).replace(/\{([^}]+)\}/g, (_, name: string) => String(server.variables?.[name]?.default ?? name));
  return url.replace(/\/+$/, "");
}
