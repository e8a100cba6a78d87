// The type-level guard on list operations (issue 13, item 8), derived from a bundled spec: every GET
// whose success body is an array or an `items` envelope is a list; its item type must not be `unknown`
// (through `data`, and through `paginate()` when it takes `page`), and when its items have an `id`
// (any case) and a detail operation takes one (see `detailCandidates`), `item.id` must be assignable
// to that path parameter. `pageItemsSource` writes the consumer file a type check then proves it on.
import { deref, listOperations } from "@specyard/spec";

type Json = Record<string, unknown>;

export interface ListOperation {
  path: string;
  operationId: string;
  /** `array`: the body is the list; `items`: the body's `items` is. */
  shape: "array" | "items";
  /** Whether `paginate()` takes it (a `page` query parameter). */
  paged: boolean;
  /** The detail operation its item ids go to: path and parameter name. */
  detail?: { path: string; param: string; id: string };
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null;

/** The properties and types of a schema with its `allOf` members folded in (`$ref`s followed). */
function flatten(spec: Json, node: unknown): { types: Set<unknown>; properties: Map<string, unknown[]>; items: unknown[] } {
  const out = { types: new Set<unknown>(), properties: new Map<string, unknown[]>(), items: [] as unknown[] };
  const visit = (raw: unknown): void => {
    const s: unknown = deref(spec, raw);
    if (!isObject(s)) return;
    for (const t of [s.type].flat()) if (t !== undefined) out.types.add(t);
    if (s.items !== undefined) out.items.push(s.items);
    if (isObject(s.properties)) for (const [k, v] of Object.entries(s.properties)) out.properties.set(k, [...(out.properties.get(k) ?? []), v]);
    if (Array.isArray(s.allOf)) s.allOf.forEach(visit);
  };
  visit(node);
  return out;
}

/** The `id` property (`id`, `Id`, `ID`) the array items of `arrays` (array schemas) declare, if any. */
const itemId = (spec: Json, arrays: unknown[]) =>
  arrays.flatMap((a) => flatten(spec, a).items.flatMap((item) => [...flatten(spec, item).properties.keys()])).find((k) => /^id$/i.test(k));

/**
 * Where a list's item ids go, most specific first, for a list path without its `/list` suffix (`base`):
 * `base/{…}` (`/v1/projects` → `/v1/projects/{project_id}`); a sibling when the base ends in a
 * parameter (`/p/{projectId}/communication/{phaseId}/list` → `/p/{projectId}/communication/{communicationId}`);
 * the resource after the last parameter (`/project/{projectId}/document/group` → `/document/group/{documentGroupId}`).
 */
function detailCandidates(base: string): string[] {
  const sibling = /\/\{[^}/]+\}$/.test(base) ? base.replace(/\/\{[^}/]+\}$/, "") : undefined;
  const tail = base.includes("}") ? base.slice(base.lastIndexOf("}") + 1) : undefined;
  return [...new Set([base, sibling, tail].filter((b): b is string => !!b))];
}

/** Every list operation of a bundled spec, with its detail operation where one takes the item id. */
export function listOperationsOf(spec: Json): ListOperation[] {
  const ops = listOperations(spec).filter((o) => o.method === "get");
  const getPaths = new Set(ops.map((o) => o.path));
  const lists: ListOperation[] = [];
  for (const { path, definition: op, item } of ops) {
    const ok = Object.entries(isObject(op.responses) ? op.responses : {}).find(([code]) => /^2\d\d$/.test(code));
    const response: unknown = ok && deref(spec, ok[1]);
    const schema = isObject(response) && isObject(response.content) && isObject(response.content["application/json"]) ? response.content["application/json"].schema : undefined;
    if (schema === undefined) continue;
    const body = flatten(spec, schema);
    const envelope = body.properties.get("items");
    const shape = body.types.has("array") ? "array" : envelope?.some((p) => flatten(spec, p).types.has("array")) ? "items" : undefined;
    if (!shape) continue;
    const params: unknown[] = [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])];
    const paged = params.some((p) => {
      const q: unknown = deref(spec, p);
      return isObject(q) && q.in === "query" && q.name === "page";
    });
    const base = path.replace(/\/list$/, "");
    const id = itemId(spec, shape === "array" ? [schema] : (envelope ?? []));
    const detail = detailCandidates(base)
      .map((b) => [...getPaths].find((p) => p !== base && p.startsWith(`${b}/{`) && /^\{[^}/]+\}$/.test(p.slice(b.length + 1))))
      .find((p) => p !== undefined);
    lists.push({
      path,
      operationId: String(op.operationId),
      shape,
      paged,
      ...(detail && id && { detail: { path: detail, param: detail.slice(detail.lastIndexOf("{") + 1, -1), id } }),
    });
  }
  return lists;
}

const lit = (s: string) => JSON.stringify(s);

/** The consumer file (next to `routes.ts`) whose type check is the guard. */
export function pageItemsSource(lists: ListOperation[]): string {
  const body = lists.flatMap((l, i) => {
    const items = l.shape === "array" ? "page" : "(page.items ?? [])";
    const idCheck = l.detail
      ? [`    const id: NonNullable<NonNullable<routes["get"][${lit(l.detail.path)}]["input"]["params"]>["path"]>[${lit(l.detail.param)}] = item.${l.detail.id};`]
      : [];
    return [
      `// GET ${l.path} (${l.operationId})${l.detail ? ` → GET ${l.detail.path}` : ""}`,
      `export const list${i} = (page: NonNullable<routes["get"][${lit(l.path)}]["data"]>) =>`,
      `  ${items}.map((item) => {`,
      `    const known: Known<typeof item> = "ok";`,
      ...idCheck,
      `    return known;`,
      `  });`,
      ...(l.paged
        ? [
            `export async function pages${i}(client: ApiClient<routes>): Promise<void> {`,
            `  for await (const item of client.paginate(${lit(l.path)})) {`,
            `    const known: Known<typeof item> = "ok";`,
            ...idCheck.map((line) => `  ${line}`),
            `    void known;`,
            `  }`,
            `}`,
          ]
        : []),
    ];
  });
  return `import type { ApiClient } from "@specyard/core";
import type { routes } from "./routes.js";

/** "ok" unless T is unknown (or any): then the assignment of "ok" fails. */
type Known<T> = unknown extends T ? "the item type is unknown" : "ok";

${body.join("\n")}
`;
}
