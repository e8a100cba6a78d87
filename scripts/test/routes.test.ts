// The route table (scripts/lib/routes.mjs) and the client types built on it (@specyard/core types.ts):
// a small spec of its own goes through openapi-typescript and routesSource, and a consumer file that
// uses @specyard/core's ApiClient with it must type-check exactly: every `@ts-expect-error` line must be
// an error (required params and bodies, wrong types, misspelt keys, unknown paths and methods) and
// nothing else may be.
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routesSource } from "../lib/routes.mjs";
import { bundleApi, listApis } from "../lib/specs.mjs";
import { listOperationsOf, pageItemsSource, type ListOperation } from "./page-items.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

const problem = { content: { "application/json": { schema: { $ref: "#/components/schemas/Problem" } } } };
const SPEC = {
  openapi: "3.1.0",
  info: { title: "Routes fixture", version: "1.0.0" },
  paths: {
    "/items": {
      get: {
        operationId: "listItems",
        parameters: [
          { name: "page", in: "query", required: true, schema: { type: "integer" } },
          { name: "pageSize", in: "query", schema: { type: "integer" } },
        ],
        responses: {
          "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Item" } } } } },
          "400": { description: "bad", ...problem },
        },
      },
      post: {
        operationId: "createItem",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ItemInput" } } } },
        responses: { "201": { description: "created", content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } }, "422": { description: "invalid", ...problem } },
      },
    },
    "/items/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
      get: {
        operationId: "getItem",
        parameters: [{ name: "expand", in: "query", schema: { type: "boolean" } }],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } }, "404": { $ref: "#/components/responses/NotFound" } },
      },
      put: {
        operationId: "replaceItem",
        requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/ItemInput" } } } },
        responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } }, "404": { description: "missing" } },
      },
      delete: { operationId: "deleteItem", responses: { "204": { description: "gone" }, "404": { $ref: "#/components/responses/NotFound" } } },
    },
    "/files/{id}": {
      get: {
        operationId: "downloadFile",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "bytes", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }, "default": { description: "error", ...problem } },
      },
    },
    "/groups/{groupId}/items": {
      get: {
        operationId: "listGroupItems",
        parameters: [
          { name: "groupId", in: "path", required: true, schema: { type: "string", pattern: "^\\d+$" } },
          { name: "active", in: "query", schema: { type: "string", enum: ["0", "1"] } },
          { name: "tags", in: "query", schema: { type: "array", items: { type: "string", pattern: "^[1-9][0-9]*$" } } },
          { name: "code", in: "query", schema: { type: "string", pattern: "^[a-z]+$" } },
        ],
        responses: {
          "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Item" } } } } },
          "404": { description: "no such group" },
        },
      },
    },
    "/ping": { get: { operationId: "ping", responses: { "200": { description: "pong", content: { "text/plain": { schema: { type: "string" } } } } } } },
  },
  components: {
    schemas: {
      Item: { type: "object", required: ["id", "name"], properties: { id: { type: "integer" }, name: { type: "string" } } },
      ItemInput: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
      Problem: { type: "object", required: ["title"], properties: { title: { type: "string" } } },
    },
    responses: { NotFound: { description: "not found", ...problem } },
  },
};

const CONSUMER = `import { ApiError, NotFoundError, createApiClient, isApiError, type ApiErrorClass, type ErrorBodyOf, type RawErrorBody, type RoutesOf } from "@specyard/core";
import type { components, paths } from "./schema.js";
import type { routes } from "./routes.js";

type Item = components["schemas"]["Item"];
type Problem = components["schemas"]["Problem"];
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
declare function assert<T extends true>(): void;

const c = createApiClient<routes>({ baseUrl: "http://127.0.0.1:1" });
const t = createApiClient<routes, true>({ baseUrl: "http://127.0.0.1:1", throwOnError: true });

export async function calls(): Promise<void> {
  const one = await c.GET("/items/{id}", { params: { path: { id: 1 }, query: { expand: true } } });
  assert<Equal<typeof one.data, Item | undefined>>();
  assert<Equal<typeof one.error, Problem | RawErrorBody | undefined>>();
  if (one.error) assert<Equal<typeof one.data, undefined>>();

  const list = await c.GET("/items", { params: { query: { page: 1 } }, retry: { maxAttempts: 2 }, timeoutMs: 5000 });
  assert<Equal<typeof list.data, Item[] | undefined>>();
  const created = await c.POST("/items", { body: { name: "x" } });
  assert<Equal<typeof created.data, Item | undefined>>();
  // A PUT whose body is optional and whose 404 has no body: init may be left out, the error is a RawErrorBody.
  const replaced = await c.PUT("/items/{id}", { params: { path: { id: 2 } } });
  assert<Equal<typeof replaced.error, RawErrorBody | undefined>>();
  const deleted = await c.DELETE("/items/{id}", { params: { path: { id: 3 } } });
  assert<Equal<typeof deleted.data, undefined>>();
  const bytes = await c.GET("/files/{id}", { params: { path: { id: "a" } }, parseAs: "arrayBuffer" });
  assert<Equal<typeof bytes.data, ArrayBuffer | undefined>>();
  const pong = await c.GET("/ping");
  assert<Equal<typeof pong.data, string | undefined>>();
  const any = await c.request("get", "/items/{id}", { params: { path: { id: 4 } } });
  assert<Equal<typeof any.data, Item | undefined>>();

  // Every declared error body of an API; an operation that declares no error answer makes it any object.
  assert<Equal<ErrorBodyOf<{ get: Pick<routes["get"], "/items" | "/items/{id}">; post: routes["post"] }>, Problem | RawErrorBody>>();
  assert<Equal<ErrorBodyOf<{ get: Pick<routes["get"], "/ping"> }>, object | RawErrorBody>>();

  // \`if (error) return;\` narrows data for every operation: declared bodies, content-less ones, none declared.
  {
    const { data, error } = await c.GET("/items/{id}", { params: { path: { id: 1 } } });
    if (error) return;
    assert<Equal<typeof data, Item>>();
  }
  {
    const { data, error } = await c.GET("/groups/{groupId}/items", { params: { path: { groupId: 1 } } });
    if (error) return;
    assert<Equal<typeof data, Item[]>>();
  }
  {
    const { data, error } = await c.GET("/ping");
    if (error) return;
    assert<Equal<typeof data, string>>();
  }

  // Digit-string parameters take numbers too; responses stay as the spec says.
  const grouped = await c.GET("/groups/{groupId}/items", { params: { path: { groupId: 42 }, query: { active: 1, tags: [7, "8"], code: "ab" } } });
  assert<Equal<typeof grouped.data, Item[] | undefined>>();
  await c.GET("/groups/{groupId}/items", { params: { path: { groupId: "42" }, query: { active: "0" } } });
  // @ts-expect-error "0" | "1" flags take 0 | 1, not any number
  await c.GET("/groups/{groupId}/items", { params: { path: { groupId: 42 }, query: { active: 2 } } });
  // @ts-expect-error a pattern that is not digits-only stays a string
  await c.GET("/groups/{groupId}/items", { params: { path: { groupId: 42 }, query: { code: 5 } } });
  // @ts-expect-error the path parameter is still required
  await c.GET("/groups/{groupId}/items", { params: { path: {} } });
  // @ts-expect-error not a boolean
  await c.GET("/groups/{groupId}/items", { params: { path: { groupId: true } } });

  // \`instanceof\` narrows to a body of unknown, never any; isApiError<Body> gives the API's error bodies.
  try {
    await t.GET("/items/{id}", { params: { path: { id: 1 } } });
  } catch (e) {
    if (e instanceof NotFoundError) {
      assert<Equal<typeof e.body, unknown>>();
      // @ts-expect-error the body is unknown until narrowed
      e.body.title;
    }
    if (isApiError<ErrorBodyOf<routes>>(e)) assert<Equal<typeof e.body, ErrorBodyOf<routes> | undefined>>();
    // A vendor guard is this with the vendor's bodies; with a class, both narrowings at once.
    const isItemsError = <E extends ApiError<unknown> = ApiError>(x: unknown, Class?: ApiErrorClass<E>): x is E & ApiError<ErrorBodyOf<routes>> => isApiError(x, Class);
    if (isItemsError(e, NotFoundError)) {
      assert<Equal<typeof e.body, ErrorBodyOf<routes> | undefined>>();
      assert<Equal<typeof e.status, number | undefined>>();
      e satisfies NotFoundError;
    }
  }
  // throwOnError: true without naming Throws: the throwing client.
  const inferred = createApiClient<routes>({ baseUrl: "http://127.0.0.1:1", throwOnError: true });
  assert<Equal<typeof inferred, typeof t>>();

  const sure = await t.GET("/items/{id}", { params: { path: { id: 1 } } });
  assert<Equal<typeof sure.data, Item>>();
  const again = await t.withOptions({ timeoutMs: 1000 }).GET("/items", { params: { query: { page: 1 } } });
  assert<Equal<typeof again.data, Item[]>>();

  for await (const item of c.paginate("/items", { params: { query: { pageSize: 50 } } })) assert<Equal<typeof item, Item>>();

  // Without a generated table: the same route types, computed from openapi-typescript's paths.
  const p = createApiClient<RoutesOf<paths>>({ baseUrl: "http://127.0.0.1:1" });
  const viaPaths = await p.GET("/items/{id}", { params: { path: { id: 1 } } });
  assert<Equal<typeof viaPaths.data, typeof one.data>>();
  assert<Equal<typeof viaPaths.error, typeof one.error>>();
  const made = await p.POST("/items", { body: { name: "x" } });
  assert<Equal<typeof made.data, Item | undefined>>();
  assert<Equal<typeof made.error, Problem | RawErrorBody | undefined>>();
  const viaPathsPing = await p.GET("/ping");
  assert<Equal<typeof viaPathsPing.data, string | undefined>>();
  // @ts-expect-error the path parameter is required
  await p.GET("/items/{id}");
  // @ts-expect-error the body lacks "name"
  await p.POST("/items", { body: {} });

  // @ts-expect-error the path parameter is required
  await c.GET("/items/{id}");
  // @ts-expect-error the path parameter is an integer
  await c.GET("/items/{id}", { params: { path: { id: "1" } } });
  // @ts-expect-error a misspelt query parameter
  await c.GET("/items/{id}", { params: { path: { id: 1 }, query: { expnd: true } } });
  // @ts-expect-error the required query parameter "page" is missing
  await c.GET("/items", { params: { query: { pageSize: 5 } } });
  // @ts-expect-error the body is required
  await c.POST("/items", {});
  // @ts-expect-error the body lacks "name"
  await c.POST("/items", { body: {} });
  // @ts-expect-error no such path
  await c.GET("/nope");
  // @ts-expect-error no PATCH in this API
  await c.PATCH("/items/{id}", { params: { path: { id: 1 } } });
  // @ts-expect-error GET /items/{id} has no body
  await c.GET("/items/{id}", { params: { path: { id: 1 } }, body: { name: "x" } });
  // @ts-expect-error only lists that take a "page" parameter can be paginated
  c.paginate("/items/{id}");
}
`;

/**
 * For a real spec: the generated table must agree with `RoutesOf<paths>` (the same routes computed by
 * the checker through openapi-typescript-helpers, as openapi-fetch types them) on every operation's
 * success body, error body and whether its init is required, and leave out no method.
 */
const AGREEMENT = `import type { RoutesOf } from "@specyard/core";
import type { paths } from "./schema.js";
import type { routes } from "./routes.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Computed = RoutesOf<paths>;
type Field<R, K extends string> = R extends { [F in K]: infer V } ? V : "absent";
type Same<A, B, Label extends string> = Equal<A, B> extends true ? "ok" : Label;
type Compare<M extends keyof routes & keyof Computed> = {
  [P in keyof routes[M]]: P extends keyof Computed[M]
    ? [
        Same<Field<routes[M][P], "data">, Field<Computed[M][P], "data">, "data differs">,
        Same<Field<routes[M][P], "error">, Field<Computed[M][P], "error">, "error differs">,
        Same<Field<routes[M][P], "required">, Field<Computed[M][P], "required">, "required differs">,
      ]
    : "not in RoutesOf<paths>";
};
export const agree: { [M in keyof routes]: { [P in keyof routes[M]]: ["ok", "ok", "ok"] } } = null! as {
  [M in keyof routes & keyof Computed]: Compare<M>;
};
/** Every method with operations in the spec has a table. */
export const methods: { [M in keyof Computed]: "ok" } = null! as {
  [M in keyof Computed]: [keyof Computed[M]] extends [never] ? "ok" : M extends keyof routes ? "ok" : "method missing";
};
`;

let dir: string;
/** The list operations of each spec (page-items.ts), and the pairs found: `GET list → GET detail`. */
const lists = new Map<string, ListOperation[]>();
beforeAll(async () => {
  // Inside this package, so that `@specyard/core` resolves from its node_modules.
  dir = join(import.meta.dirname, "..", ".tmp", "routes-types");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "schema.ts"), astToString(await openapiTS(SPEC as never)));
  writeFileSync(join(dir, "routes.ts"), routesSource(SPEC));
  writeFileSync(join(dir, "consumer.ts"), CONSUMER);
  const files = ["consumer.ts"];
  for (const api of listApis()) {
    const spec = await bundleApi(api.name);
    mkdirSync(join(dir, api.name));
    writeFileSync(join(dir, api.name, "schema.ts"), astToString(await openapiTS(spec)));
    writeFileSync(join(dir, api.name, "routes.ts"), routesSource(spec));
    writeFileSync(join(dir, api.name, "agreement.ts"), AGREEMENT);
    lists.set(api.name, listOperationsOf(spec));
    writeFileSync(join(dir, api.name, "page-items.ts"), pageItemsSource(lists.get(api.name) ?? []));
    files.push(`${api.name}/agreement.ts`, `${api.name}/page-items.ts`);
  }
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { target: "ES2022", lib: ["ES2022", "DOM", "DOM.Iterable"], module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files,
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("route table", () => {
  const src = routesSource(SPEC);
  const entry = (path: string) => src.slice(src.indexOf(`"${path}": {`)).split("    };")[0] ?? "";

  it("marks an operation's init as required exactly when a parameter or the body is required", () => {
    expect(entry("/items/{id}")).toContain("required: true");
    expect(entry("/ping")).toContain("input: { params?: operations[\"ping\"][\"parameters\"]; body?: never }");
    expect(entry("/ping")).toContain("required: false");
    expect(src).toMatch(/"\/items": \{\n\s+input: \{ params\?: operations\["createItem"\]\["parameters"\]; body: NonNullable/);
  });

  it("types a response without content as undefined, and errors through ErrorResult (content-less: undefined, none declared: unknown)", () => {
    expect(src).toContain(`data: undefined;`);
    expect(src).toMatch(/replaceItem[\s\S]*?error: ErrorResult<undefined>;/);
    expect(src).toMatch(/"\/ping": \{[\s\S]*?error: ErrorResult<unknown>;/);
    expect(src).toContain(`operations["downloadFile"]["responses"]["default"]["content"]["application/json"]`);
  });

  it("widens digit-string path and query parameters (patterns, integer enums, arrays of them) and nothing else", () => {
    expect(entry("/groups/{groupId}/items")).toContain(
      `params: LiberalParams<operations["listGroupItems"]["parameters"], { path: { "groupId": number }; query: { "active": 0 | 1; "tags": [number] } }>`,
    );
    expect(entry("/files/{id}")).toContain(`params: operations["downloadFile"]["parameters"]`);
    expect(src).toContain(`import type { ErrorResult, LiberalParams } from "@specyard/core";`);
  });

  it("refuses an operation without operationId, naming it", () => {
    const spec = { openapi: "3.1.0", paths: { "/x": { post: { responses: {} } } } };
    expect(() => routesSource(spec)).toThrow("routes: POST /x has no operationId");
  });

  /** tsc over the fixture consumer and every spec's agreement and page-items files, once: its error lines. */
  let checked: Promise<string[]> | undefined;
  const typecheck = () =>
    (checked ??= run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")], { cwd: dir }).then(
      (r) => r.stdout.split("\n").filter(Boolean),
      (e: { stdout?: string }) => (e.stdout ?? String(e)).split("\n").filter(Boolean),
    ));

  it("types client calls: parameters, bodies, results, parseAs, throwOnError, paginate; every misuse is an error; for each of the four specs the generated table agrees with RoutesOf<paths>", async () => {
    expect((await typecheck()).filter((line) => !line.includes("page-items.ts"))).toEqual([]);
  });

  it("finds the list operations of every spec and the detail operations their ids go to", () => {
    const pairs = (api: string) => (lists.get(api) ?? []).flatMap((l) => (l.detail ? [`${l.path} → ${l.detail.path}`] : []));
    expect(pairs("endre")).toContain("/v1/projects → /v1/projects/{project_id}");
    expect(pairs("12build")).toEqual(
      expect.arrayContaining([
        "/project/list → /project/{projectId}",
        "/project/{projectId}/document/list → /document/{id}",
        "/project/{projectId}/document/group → /document/group/{documentGroupId}",
      ]),
    );
    expect(pairs("blikk")).toContain("/v1/Core/Contacts → /v1/Core/Contacts/{id}");
    expect(pairs("simplo")).toEqual(["/api/v0/projects → /api/v0/projects/{project_id}", "/api/v0/reports → /api/v0/reports/{report_id}"]);
    expect(lists.get("blikk")?.filter((l) => l.shape === "items" && l.paged)).toHaveLength(22);
  });

  it("in every spec, no list item is unknown and every listed id can be passed to its detail operation", async () => {
    expect((await typecheck()).filter((line) => line.includes("page-items.ts"))).toEqual([]);
  });
});
