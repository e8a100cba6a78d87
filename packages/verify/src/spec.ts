// Reading the bundled spec (through @specyard/spec): GET operations with their parameters, response schemas, and `x-assumed` marks.
import { readFileSync } from "node:fs";
import { SpecValidator, deref, esc, isAssumed, listOperations, resolvePointer, valueAt, type ErrorObject, type OpenApiDoc } from "@specyard/spec";

type Json = Record<string, any>;

export interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: Json;
  example?: unknown;
}

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  parameters: Parameter[];
  /** Declared statuses (`200`, `4XX`, `default`, ...). */
  statuses: string[];
  /** Whether the operation, or anything it references, is marked `x-assumed`. */
  assumed: boolean;
  pointer: string;
}

export interface Violation {
  where: string;
  message: string;
}

export class Spec {
  readonly doc: OpenApiDoc;
  readonly #validator: SpecValidator;

  constructor(file: string) {
    this.doc = JSON.parse(readFileSync(file, "utf8")) as OpenApiDoc;
    this.#validator = new SpecValidator(this.doc);
  }

  get version(): string {
    return String(this.doc.info?.version ?? "");
  }

  /** Every GET operation. */
  getOperations(): Operation[] {
    return listOperations(this.doc)
      .filter((op) => op.method === "get")
      .map((op) => ({
        operationId: String(op.operationId),
        method: "GET",
        path: op.path,
        parameters: op.parameters.map(({ definition: param }) => {
          const schema = (deref(this.doc, param.schema) ?? {}) as Json;
          return {
            name: String(param.name),
            in: String(param.in),
            required: param.required === true,
            schema,
            example: param.example ?? schema.example ?? (Array.isArray(schema.examples) ? schema.examples[0] : undefined) ?? schema.default,
          };
        }),
        statuses: Object.keys((op.definition.responses ?? {}) as Json),
        assumed: isAssumed(this.doc, op.definition) || isAssumed(this.doc, op.item.parameters),
        pointer: op.pointer,
      }));
  }

  /** What the spec says about one answer: status declared, media type declared, body conforming. */
  checkAnswer(op: Operation, status: number, contentType: string, body: unknown): Violation[] {
    const key = [String(status), `${String(status)[0]}XX`, "default"].find((k) => op.statuses.includes(k));
    if (!key) return [{ where: "status", message: `status ${status} is not declared (declared: ${op.statuses.join(", ")})` }];
    const content = resolvePointer(this.doc, `${op.pointer}/responses/${esc(key)}/content`);
    const media = Object.keys(content?.node ?? {});
    const received = contentType.split(";")[0]!.trim().toLowerCase();
    if (!content || media.length === 0) return [];
    const match = media.find((m) => m.toLowerCase() === received) ?? media.find((m) => m === "*/*" || (m.endsWith("/*") && received.startsWith(m.slice(0, -1))));
    if (!match) return [{ where: "header:content-type", message: `received ${received || "no content type"}; declared ${media.join(", ")}` }];
    if (!/json/.test(match) || body === undefined) return [];
    // The pointer may run through a $ref'd response: validate against the resolved schema, refs inside against the spec.
    const schema = resolvePointer(this.doc, `${content.pointer}/${esc(match)}/schema`);
    if (!schema) return [];
    const validate = this.#validator.validatorAt(schema.pointer);
    return validate(body) ? [] : describeErrors(validate.errors ?? [], body);
  }
}

const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "number" && Number.isInteger(v) ? "integer" : typeof v);

/**
 * ajv's errors as locations and expectations, never the values received: only their JSON types.
 * Branch errors under a failed anyOf/oneOf are folded into it.
 */
function describeErrors(errors: ErrorObject[], body: unknown): Violation[] {
  const out = new Map<string, Violation>();
  for (const e of errors) {
    const where = e.instancePath || "/";
    const got = typeOf(valueAt(body, e.instancePath));
    let message: string;
    switch (e.keyword) {
      case "required":
        message = `missing required property '${String(e.params.missingProperty)}'`;
        break;
      case "type":
        message = `expected ${[e.params.type].flat().join(" or ")}, received ${got}`;
        break;
      case "enum":
        message = `received a ${got} outside the declared enum`;
        break;
      case "additionalProperties":
        message = `undeclared property '${String(e.params.additionalProperty)}'`;
        break;
      default:
        message = `fails '${e.keyword}' (${e.message ?? ""}); received ${got}`;
    }
    const key = `${where} ${message}`;
    if (!out.has(key)) out.set(key, { where, message });
  }
  // A failed anyOf reports each branch; keep the branch errors, which say more, unless only it is left.
  const specific = [...out.values()].filter((v) => !/'anyOf'|'oneOf'/.test(v.message));
  return specific.length ? specific : [...out.values()];
}
