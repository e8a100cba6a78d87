// `maxPageSize` (scripts/lib/routes.mjs): the largest page size each paged GET operation documents,
// read from its query parameters' `maximum`; what `paginate()` sends when the caller gives no page size.
import { describe, expect, it } from "vitest";
import { maxPageSizeSource } from "../lib/routes.mjs";

const ok = { "200": { description: "ok" } };
const pageSize = (maximum?: number) => ({ name: "pageSize", in: "query", schema: { type: "integer", ...(maximum === undefined ? {} : { maximum }) } });
const page = { name: "page", in: "query", schema: { type: "integer" } };
/** A spec whose GET `path`s take the given query parameters; `$ref`s go through components. */
const spec = (paths: Record<string, unknown[]>) => ({
  openapi: "3.1.0",
  info: { title: "fixture", version: "1" },
  components: { parameters: { PageSize100: pageSize(100) } },
  paths: Object.fromEntries(Object.entries(paths).map(([p, parameters]) => [p, { get: { operationId: p.slice(1), parameters, responses: ok } }])),
});
/** The generated object literal, parsed. */
const table = (src: string): unknown => JSON.parse(/= (\{[\s\S]*\});/.exec(src)?.[1]?.replace(/,\n\}/, "\n}") ?? "null");

describe("maxPageSizeSource", () => {
  it("one '*' entry when every paged operation documents the same maximum ($ref parameters too); unpaged operations do not count", () => {
    const src = maxPageSizeSource(spec({ "/a": [page, { $ref: "#/components/parameters/PageSize100" }], "/b": [page, pageSize(100)], "/c": [pageSize(5)] }));
    expect(table(src)).toEqual({ "*": { pageSize: 100 } });
    expect(src).toContain("export const maxPageSize: Record<string, Record<string, number>> = {");
  });

  it("one entry per operation when they differ; an operation without a documented maximum is left out", () => {
    const src = maxPageSizeSource(spec({ "/a": [page, pageSize(100)], "/b": [page, pageSize(50)], "/c": [page, pageSize()] }));
    expect(table(src)).toEqual({ "/a": { pageSize: 100 }, "/b": { pageSize: 50 } });
  });

  it("an empty table when no paged operation documents a maximum (the server's default applies)", () => {
    expect(table(maxPageSizeSource(spec({ "/a": [page, pageSize()], "/b": [page] })))).toEqual({});
  });
});
