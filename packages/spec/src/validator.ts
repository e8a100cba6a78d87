// JSON Schema validation against the spec's own schemas: one ajv setup (draft 2020-12, as OpenAPI 3.1).
import { Ajv2020, type Options, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { listOperations, responseKey, type Operation } from "./operations.js";
import { esc, resolvePointer, type OpenApiDoc } from "./pointer.js";

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

/** OpenAPI's own formats, which JSON Schema does not define: accepted as any value of their type. */
const OPENAPI_FORMATS = ["int32", "int64", "float", "double", "byte", "binary", "password"];

/**
 * An ajv holding the whole spec under the id `spec`, so `spec#/components/...` names any schema in it.
 * Not strict (OpenAPI keywords such as `example` sit inside schemas); `allErrors` reports every problem.
 */
export function createAjv(spec: OpenApiDoc, options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, discriminator: false, ...options });
  addFormats(ajv);
  for (const f of OPENAPI_FORMATS) ajv.addFormat(f, true);
  ajv.addSchema(spec as object, "spec");
  return ajv;
}

/** A media type that carries JSON (`application/json`, `application/problem+json`). */
export const isJsonMedia = (media: string) => media === "application/json" || media.endsWith("+json");

/** An example of the spec with the schema it must satisfy. */
export interface Example {
  where: string;
  schemaPointer: string;
  value: unknown;
}

/** Validation of values against the schemas of one spec; validators are compiled on first use, by JSON pointer. */
export class SpecValidator {
  readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  /** `coerce`: query, path, header and form values arrive as strings; ajv turns them into the schema's types. */
  constructor(
    readonly spec: OpenApiDoc,
    { coerce = false }: { coerce?: boolean } = {},
  ) {
    this.ajv = createAjv(spec, { coerceTypes: coerce ? "array" : false });
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

  /** Validates `value` against the schema at `pointer`; ajv's error text (naming it `name`) or undefined. */
  check(pointer: string, value: unknown, name = "body"): string | undefined {
    const v = this.validatorAt(pointer);
    return v(value) ? undefined : this.ajv.errorsText(v.errors, { dataVar: name });
  }

  /** Where the response schema of `op` for `status` and `mediaType` lives, or why there is none. */
  responseSchema(op: Operation, status: number, mediaType: string): { pointer?: string; declared: boolean; media?: string } {
    const key = responseKey(op, status);
    if (!key) return { declared: false };
    const content = resolvePointer(this.spec, `${op.pointer}/responses/${key}/content`);
    if (!content?.node) return { declared: true };
    const media = Object.keys(content.node).find((m) => m === mediaType) ?? Object.keys(content.node).find((m) => m.endsWith("/*") || m === "*/*");
    if (!media) return { declared: true, media: undefined };
    const schema = resolvePointer(this.spec, `${content.pointer}/${esc(media)}/schema`);
    return { declared: true, media, pointer: schema ? `${content.pointer}/${esc(media)}/schema` : undefined };
  }

  /** Every example in the spec's request bodies and responses, with the schema it must satisfy. */
  examples(): Example[] {
    const out: Example[] = [];
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
