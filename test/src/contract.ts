import type { RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismForFile } from "./prism.js";
import { documentedSuccess, specFolderOf } from "./seed-docs.js";
import { SpecValidator, assumedParts, esc, isJsonMedia, listOperations, loadSpec, resolvePointer, type OpenApiDoc, type Operation } from "./spec.js";

/** What one contract case returns: an openapi-fetch result. */
export type CallResult = { data?: unknown; error?: unknown; response: Response };
export type ContractCase<C> = (client: C) => Promise<CallResult>;

export interface ContractSuiteOptions<C, Op extends string> {
  /** Vendor name, used in test titles. */
  vendor: string;
  /** The bundled spec the package was generated from (`<package>/openapi.json`). */
  specFile: string;
  /** A client pointed at the Prism mock. */
  client: (baseUrl: string) => C;
  /** One call per operationId, made through the typed client. Keys must match the spec's operations. */
  cases: Record<Op, ContractCase<C>>;
  /** The package's response validators (`@specyard/<vendor>/validate`): every JSON answer and documented example must pass them (no false drift). */
  responses: ResponseCheck;
}

/** The part of a vendor's `responses` (core's `ResponseValidators`) the suite uses. */
export interface ResponseCheck {
  check(operation: string, status: number, body: unknown): { problems: unknown[] } | undefined;
}

export interface ContractContext<C> {
  spec: OpenApiDoc;
  validator: SpecValidator;
  operations: Operation[];
  /** The running Prism's base URL (inside tests). */
  baseUrl(): string;
  /** A fresh client against the running Prism. */
  client(): C;
  /** Validates a result against the spec's schema for its operation, status and media type. */
  assertConforms(operationId: string, result: CallResult): Promise<void>;
}

const mediaOf = (res: Response) => (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

/**
 * Asserts that `result` is an answer the spec allows for `operationId`: a declared status, and a body that
 * conforms to that status's schema and media type (binary answers: a declared media type and some bytes).
 */
export function assertConforms(validator: SpecValidator, operationId: string, result: CallResult): void {
  const op = listOperations(validator.spec).find((o) => o.operationId === operationId);
  if (!op) throw new Error(`operation ${operationId} is not in the spec`);
  const { response } = result;
  const media = mediaOf(response);
  const where = `${op.method.toUpperCase()} ${op.path} → ${response.status} ${media}`;
  const schema = validator.responseSchema(op, response.status, media);
  expect(schema.declared, `${where}: status declared in the spec`).toBe(true);
  if (response.status === 204 || !schema.pointer) return;
  if (media === "application/json" || media.endsWith("+json")) {
    const body = result.data !== undefined ? result.data : result.error;
    const problems = validator.check(schema.pointer, body);
    expect(problems, `${where}: body conforms to ${schema.pointer}`).toBeUndefined();
  } else {
    // Binary answers: declared media type and a non-empty body.
    expect(schema.media, `${where}: media type declared`).toBeDefined();
    const data = result.data as ArrayBuffer | Blob | Uint8Array | undefined;
    const size = data instanceof ArrayBuffer ? data.byteLength : data instanceof Blob ? data.size : (data?.byteLength ?? 0);
    expect(size, `${where}: body has bytes`).toBeGreaterThan(0);
  }
}

/**
 * A JSON answer `assertConforms` must reject: for the first operation whose success schema refuses a bare
 * string, that string with the success status. Undefined when no operation's schema refuses one.
 */
export function nonConformingAnswer(validator: SpecValidator): { operationId: string; result: CallResult } | undefined {
  const body = "deliberately not what the spec describes";
  for (const op of listOperations(validator.spec)) {
    for (const status of Object.keys(op.definition.responses ?? {}).filter((s) => /^2\d\d$/.test(s))) {
      const { pointer } = validator.responseSchema(op, Number(status), "application/json");
      if (pointer && validator.check(pointer, body)) {
        const response = new Response(JSON.stringify(body), { status: Number(status), headers: { "content-type": "application/json" } });
        return { operationId: op.operationId, result: { data: body, response } };
      }
    }
  }
  return undefined;
}

/**
 * The success status each operation's case must get: the one the vendor's doc gives (test/src/seed-docs.ts),
 * else the spec's only 2xx; undefined where the doc gives none and the spec declares several.
 */
function expectedSuccess(specFile: string, operations: Operation[]): Map<string, number | undefined> {
  const documented = documentedSuccess(specFolderOf(specFile), operations);
  return new Map(
    operations.map((op) => {
      const declared = Object.keys(op.definition.responses ?? {}).filter((s) => /^2\d\d$/.test(s));
      return [op.operationId, documented.get(op.operationId) ?? (declared.length === 1 ? Number(declared[0]) : undefined)];
    }),
  );
}

/** Every example of a JSON response in the spec, with the call and status it documents (a `4XX` range as 400). */
export function documentedResponses(spec: OpenApiDoc): { operation: string; status: number; where: string; value: unknown }[] {
  const out: { operation: string; status: number; where: string; value: unknown }[] = [];
  for (const op of listOperations(spec)) {
    for (const key of Object.keys(op.definition.responses ?? {})) {
      const status = key === "default" ? 599 : Number(key.replace(/XX$/i, "00"));
      const content = resolvePointer(spec, `${op.pointer}/responses/${esc(key)}/content`)?.node ?? {};
      for (const [media, mt] of Object.entries<any>(content)) {
        if (!isJsonMedia(media)) continue;
        const where = `${op.operationId} ${key} ${media}`;
        const operation = `${op.method.toUpperCase()} ${op.path}`;
        if ("example" in mt) out.push({ operation, status, where: `${where} example`, value: mt.example });
        for (const [name, ex] of Object.entries<any>(mt.examples ?? {})) {
          const value = resolvePointer(spec, `${op.pointer}/responses/${esc(key)}/content/${esc(media)}/examples/${esc(name)}`)?.node?.value;
          if (value !== undefined || "value" in (ex ?? {})) out.push({ operation, status, where: `${where} examples.${name}`, value });
        }
      }
    }
  }
  return out;
}

/**
 * Registers the contract suite of one vendor: starts Prism from the spec before the tests and stops it
 * after; one test per operation (driven by the spec, so an operation without a case fails); each
 * answer must have the documented success status and conform to the operation's response schema in the spec.
 */
export function contractSuite<C, Op extends string>(o: ContractSuiteOptions<C, Op>): ContractContext<C> {
  const spec = loadSpec(o.specFile);
  const validator = new SpecValidator(spec);
  const operations = listOperations(spec);
  const success = expectedSuccess(o.specFile, operations);
  // File-level hooks: Prism runs for every describe block of the test file, not just this one.
  const prismUrl = prismForFile(o.specFile);

  const ctx: ContractContext<C> = {
    spec,
    validator,
    operations,
    baseUrl: prismUrl,
    client: () => o.client(ctx.baseUrl()),
    async assertConforms(operationId, result) {
      assertConforms(validator, operationId, result);
      const op = operations.find((o) => o.operationId === operationId)!;
      if (isJsonMedia(mediaOf(result.response))) {
        const body = result.response.ok ? result.data : result.error;
        expect(o.responses.check(`${op.method.toUpperCase()} ${op.path}`, result.response.status, body), `${operationId} → ${result.response.status}: no drift`).toBeUndefined();
      }
    },
  };

  describe(`${o.vendor} contract (Prism mock from the spec)`, () => {
    it("has a case for every operation in the spec, and no other", () => {
      const inSpec = operations.map((op) => op.operationId).sort();
      expect(inSpec.every(Boolean), "every operation has an operationId").toBe(true);
      expect(Object.keys(o.cases).sort()).toEqual(inSpec);
    });

    it("every example in the spec validates against its schema", () => {
      const examples = validator.examples();
      expect(examples.length).toBeGreaterThan(0);
      const failures = examples
        .map((ex) => ({ ex, problem: validator.check(ex.schemaPointer, ex.value) }))
        .filter((f) => f.problem)
        .map((f) => `${f.ex.where}: ${f.problem}`);
      expect(failures).toEqual([]);
    });

    it("every documented response example passes the package's response validators (no false drift)", () => {
      const checked = documentedResponses(spec).map((ex) => ({ ex, drift: o.responses.check(ex.operation, ex.status, ex.value) }));
      expect(checked.length).toBeGreaterThan(0);
      expect(checked.filter((c) => c.drift).map((c) => `${c.ex.where}: ${JSON.stringify(c.drift)}`)).toEqual([]);
    });

    it("assertConforms rejects a deliberately non-conforming answer (a no-op fails here)", async () => {
      const bad = nonConformingAnswer(validator);
      expect(bad, "an operation whose success schema refuses a bare string").toBeDefined();
      if (bad) await expect(ctx.assertConforms(bad.operationId, bad.result)).rejects.toThrow(/body conforms to/);
    });

    for (const op of operations) {
      const expected = success.get(op.operationId);
      const declared = Object.keys(op.definition.responses ?? {}).filter((s) => /^2\d\d$/.test(s)).map(Number);
      it(`${op.operationId}: ${op.method.toUpperCase()} ${op.path} answers ${expected ?? declared.join("/")} with a conforming body`, async () => {
        const run = (o.cases as Record<string, ContractCase<C>>)[op.operationId];
        expect(run, `a case for ${op.operationId}`).toBeTypeOf("function");
        const result = await run!(ctx.client());
        const where = `${op.operationId} → ${result.response.status} ${JSON.stringify(result.error ?? "").slice(0, 300)}`;
        if (expected !== undefined) expect(result.response.status, where).toBe(expected);
        else expect(declared, where).toContain(result.response.status);
        await ctx.assertConforms(op.operationId, result);
      });
    }
  });

  return ctx;
}

export interface MockContractOptions<C, Op extends string> {
  /** The package's MSW handlers (`@specyard/<vendor>/mock`), answering at `baseUrl`. */
  handlers: RequestHandler[];
  /** Where the handlers answer: the package's default base URL. */
  baseUrl: string;
  /** The same client factory and case list as the Prism suite. */
  client: (baseUrl: string) => C;
  cases: Record<Op, ContractCase<C>>;
  /** Requests both mocks must refuse alike (title → operation and a plain `fetch` to the given base URL). */
  refusals?: Record<string, { operationId: Op; send: (baseUrl: string) => Promise<Response> }>;
}

/**
 * Runs the same contract cases through the client against the package's MSW handlers (in process, no
 * network: any other host than Prism's loopback is an error), and checks that each answer is 2xx,
 * conforms to the spec, and has the status, media type and JSON body Prism gives for the same call.
 */
export function mockContractSuite<C, Op extends string>(prism: ContractContext<C>, o: MockContractOptions<C, Op>): void {
  describe(`contract (MSW handlers from the spec) agrees with Prism`, () => {
    const server = setupServer(...o.handlers);
    beforeAll(() =>
      server.listen({
        onUnhandledRequest: (request, print) => {
          if (new URL(request.url).hostname !== "127.0.0.1") print.error();
        },
      }),
    );
    afterAll(() => server.close());

    for (const op of prism.operations) {
      it(`${op.operationId}: answers as Prism does`, async () => {
        const run = (o.cases as Record<string, ContractCase<C>>)[op.operationId];
        expect(run, `a case for ${op.operationId}`).toBeTypeOf("function");
        const mocked = await run!(o.client(o.baseUrl));
        const where = `${op.operationId} → ${mocked.response.status}`;
        expect(mocked.response.url.startsWith(o.baseUrl), `${where}: answered at ${o.baseUrl}`).toBe(true);
        expect(mocked.response.status, `${where} ${JSON.stringify(mocked.error ?? "").slice(0, 300)}`).toBeGreaterThanOrEqual(200);
        expect(mocked.response.status, where).toBeLessThan(300);
        await prism.assertConforms(op.operationId, mocked);
        const real = await run!(prism.client());
        expect(mocked.response.status, `${where}: Prism answered ${real.response.status}`).toBe(real.response.status);
        // JSON answers agree in media type and body. For a binary answer with a `*/*` alternative Prism
        // answers text/plain (12Build's files), so binary answers are held to the spec (assertConforms).
        if (/json/.test(mediaOf(real.response))) {
          expect(mediaOf(mocked.response), where).toBe(mediaOf(real.response));
          expect(mocked.data, where).toEqual(real.data);
        }
      });
    }

    for (const [title, { operationId, send }] of Object.entries(o.refusals ?? {})) {
      it(`refuses as Prism does: ${title}`, async () => {
        const [mocked, real] = [await send(o.baseUrl), await send(prism.baseUrl())];
        expect(mocked.status, `${operationId}: Prism answered ${real.status}`).toBe(real.status);
        expect(mocked.status).toBeGreaterThanOrEqual(400);
        expect(mocked.status).toBeLessThan(500);
        const text = await mocked.text();
        await prism.assertConforms(operationId, { error: text ? JSON.parse(text) : undefined, response: new Response(text, mocked) });
      });
    }
  });
}

/**
 * SPEC-GUIDE rule 11: each assumption in the spec carries both marks (a description starting
 * "Assumed:" and `x-assumed: true`), and the assumed parts are exactly `pointers` (those NOTES lists).
 */
export function expectAssumptionsAt(spec: OpenApiDoc, pointers: string[]): void {
  const parts = assumedParts(spec);
  for (const p of parts) expect(p, p.pointer).toMatchObject({ flagged: true, described: true });
  expect(parts.map((p) => p.pointer).sort()).toEqual([...pointers].sort());
}
