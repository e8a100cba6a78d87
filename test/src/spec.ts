import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { resolvePointer } from "@specyard/mock";

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export type OpenApiDoc = { paths: Record<string, Record<string, any>>; components?: Record<string, any> } & Record<string, any>;

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  /** JSON pointer to the operation object. */
  pointer: string;
  definition: any;
}

/** Reads a bundled spec (the `openapi.json` a vendor package builds). */
export function loadSpec(file: string): OpenApiDoc {
  return JSON.parse(readFileSync(file, "utf8")) as OpenApiDoc;
}

const esc = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** Every operation in the spec. */
export function listOperations(spec: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (op) out.push({ operationId: op.operationId, method, path, pointer: `/paths/${esc(path)}/${method}`, definition: op });
    }
  }
  return out;
}

/** Follows a JSON pointer from the root, resolving local `$ref`s on the way (the MSW handlers' reader). */
export { resolvePointer };

/** JSON Schema validation of bodies against the spec's own schemas (ajv, draft 2020-12 as in OpenAPI 3.1). */
export class SpecValidator {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly spec: OpenApiDoc) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, discriminator: false });
    addFormats(this.ajv);
    for (const f of ["int32", "int64", "float", "double", "byte", "binary", "password"]) this.ajv.addFormat(f, true);
    this.ajv.addSchema(spec as object, "spec");
  }

  /** The validator for the schema at `pointer` (refs inside it resolve against the whole spec). */
  validatorAt(pointer: string): ValidateFunction {
    let v = this.cache.get(pointer);
    if (!v) {
      v = this.ajv.getSchema(`spec#${pointer}`);
      if (!v) throw new Error(`no schema at ${pointer}`);
      this.cache.set(pointer, v);
    }
    return v;
  }

  /** Where the response schema of `op` for `status` and `mediaType` lives, or why there is none. */
  responseSchema(op: Operation, status: number, mediaType: string): { pointer?: string; declared: boolean; media?: string } {
    const responses = op.definition.responses ?? {};
    const key = [String(status), `${String(status)[0]}XX`, "default"].find((k) => k in responses);
    if (!key) return { declared: false };
    const content = resolvePointer(this.spec, `${op.pointer}/responses/${key}/content`);
    if (!content?.node) return { declared: true };
    const media = Object.keys(content.node).find((m) => m === mediaType) ?? Object.keys(content.node).find((m) => m.endsWith("/*") || m === "*/*");
    if (!media) return { declared: true, media: undefined };
    const schema = resolvePointer(this.spec, `${content.pointer}/${esc(media)}/schema`);
    return { declared: true, media, pointer: schema ? `${content.pointer}/${esc(media)}/schema` : undefined };
  }

  /** Validates `value` against the schema at `pointer`; returns ajv's error text or undefined. */
  check(pointer: string, value: unknown): string | undefined {
    const v = this.validatorAt(pointer);
    return v(value) ? undefined : this.ajv.errorsText(v.errors, { dataVar: "body" });
  }

  /**
   * Every example in the spec's request bodies, responses and parameters, with the schema it must
   * satisfy: `{ where, pointer, value }`.
   */
  examples(): { where: string; schemaPointer: string; value: unknown }[] {
    const out: { where: string; schemaPointer: string; value: unknown }[] = [];
    const collect = (contentPtr: string, where: string) => {
      const content = resolvePointer(this.spec, contentPtr);
      if (!content?.node) return;
      for (const [media, mt] of Object.entries<any>(content.node)) {
        const schemaPointer = `${content.pointer}/${esc(media)}/schema`;
        if (!resolvePointer(this.spec, schemaPointer)) continue;
        if (/octet-stream|pdf|multipart|image\//.test(media)) continue;
        if ("example" in mt) out.push({ where: `${where} ${media} example`, schemaPointer, value: mt.example });
        for (const name of Object.keys(mt.examples ?? {})) {
          const ex = resolvePointer(this.spec, `${content.pointer}/${esc(media)}/examples/${esc(name)}`);
          if (ex?.node && "value" in ex.node) out.push({ where: `${where} ${media} examples.${name}`, schemaPointer, value: ex.node.value });
        }
      }
    };
    for (const op of listOperations(this.spec)) {
      collect(`${op.pointer}/requestBody/content`, `${op.operationId} request`);
      for (const status of Object.keys(op.definition.responses ?? {})) {
        collect(`${op.pointer}/responses/${status}/content`, `${op.operationId} ${status}`);
      }
    }
    return out;
  }
}

/** One part of a spec that states an assumption (SPEC-GUIDE rule 11). */
export interface AssumedPart {
  pointer: string;
  /** Carries `x-assumed: true`. */
  flagged: boolean;
  /** Its description starts with "Assumed:". */
  described: boolean;
}

/**
 * Every object in the spec that is flagged `x-assumed: true` or whose description starts with
 * "Assumed:", so a test can require both marks together and compare the list with the spec's NOTES.
 */
export function assumedParts(spec: OpenApiDoc): AssumedPart[] {
  const out: AssumedPart[] = [];
  const walk = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${pointer}/${i}`));
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    const flagged = o["x-assumed"] === true;
    const described = typeof o.description === "string" && o.description.startsWith("Assumed:");
    if (flagged || described) out.push({ pointer, flagged, described });
    for (const [k, v] of Object.entries(o)) if (k !== "examples" && k !== "example") walk(v, `${pointer}/${esc(k)}`);
  };
  walk(spec, "");
  return out;
}
