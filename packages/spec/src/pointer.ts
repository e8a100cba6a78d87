// JSON pointers and local `$ref`s in a bundled spec (`redocly bundle` writes only `#/...` refs).
// This file imports nothing: the other files of the package build on it.

/** The document is JSON of any shape; the readers check what they use. */
export type Json = any;
/** A bundled OpenAPI document (`paths`, `components`, ...): read loosely, each reader checks what it uses. */
export type OpenApiDoc = Record<string, Json>;

/** Escapes one JSON pointer segment. */
export const esc = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
/** Reads one escaped JSON pointer segment. */
export const unesc = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");

/** A chain of `$ref`s longer than this is taken for a cycle. */
const MAX_HOPS = 20;

const isRef = (node: Json): boolean => !!node && typeof node === "object" && typeof node.$ref === "string";

/** The node at `pointer` in any JSON value, without following `$ref`s; undefined when the path does not exist. */
export function valueAt(root: Json, pointer: string): Json {
  return pointer
    .split("/")
    .slice(1)
    .map(unesc)
    .reduce((n: Json, k) => (n && typeof n === "object" ? n[k] : undefined), root);
}

/** Follows local `$ref`s from `node` until a plain node; an external `$ref` is returned as is. */
export function deref(spec: OpenApiDoc, node: Json): Json {
  for (let hops = 0; isRef(node) && node.$ref.startsWith("#/") && hops < MAX_HOPS; hops++) node = valueAt(spec, node.$ref.slice(1));
  return node;
}

/** Follows a JSON pointer from the root, resolving local `$ref`s on the way; returns the node and its final pointer. */
export function resolvePointer(spec: OpenApiDoc, pointer: string): { node: Json; pointer: string } | undefined {
  let node: Json = spec;
  let where = "";
  const follow = () => {
    for (let hops = 0; isRef(node) && hops < MAX_HOPS; hops++) {
      const ref: string = node.$ref;
      if (!ref.startsWith("#/")) throw new Error(`external $ref ${ref} in bundled spec`);
      where = ref.slice(1);
      node = valueAt(spec, where);
    }
  };
  for (const raw of pointer.split("/").slice(1)) {
    follow();
    const key = unesc(raw);
    if (!node || typeof node !== "object" || !(key in node)) return undefined;
    node = node[key];
    where = `${where}/${raw}`;
  }
  follow();
  return { node, pointer: where };
}
