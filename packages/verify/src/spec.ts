// Reading the bundled spec: GET operations with their parameters, response schemas, and `x-assumed` marks.
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const esc = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

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
  readonly doc: Json;
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(file: string) {
    this.doc = JSON.parse(readFileSync(file, "utf8")) as Json;
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, discriminator: false });
    addFormats(this.#ajv);
    for (const f of ["int32", "int64", "float", "double", "byte", "binary", "password"]) this.#ajv.addFormat(f, true);
    this.#ajv.addSchema(this.doc, "spec");
  }

  get version(): string {
    return String((this.doc.info as Json | undefined)?.version ?? "");
  }

  /** Follows local `$ref`s. */
  deref(node: unknown): unknown {
    for (let hops = 0; isObject(node) && typeof node.$ref === "string" && hops < 20; hops++) {
      node = this.at(node.$ref.slice(1));
    }
    return node;
  }

  at(pointer: string): unknown {
    return pointer
      .split("/")
      .slice(1)
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((n, k) => (isObject(n) || Array.isArray(n) ? (n as Json)[k] : undefined), this.doc);
  }

  /** Whether `node` or anything it references (transitively) carries `x-assumed: true`. */
  assumed(node: unknown, seen = new Set<unknown>()): boolean {
    if (!node || typeof node !== "object" || seen.has(node)) return false;
    seen.add(node);
    if (isObject(node)) {
      if (node["x-assumed"] === true) return true;
      if (typeof node.$ref === "string") return this.assumed(this.deref(node), seen);
    }
    return Object.values(node).some((v) => this.assumed(v, seen));
  }

  /** Every GET operation. */
  getOperations(): Operation[] {
    const out: Operation[] = [];
    for (const [path, rawItem] of Object.entries((this.doc.paths ?? {}) as Json)) {
      const item = this.deref(rawItem) as Json;
      const op = this.deref(item.get) as Json | undefined;
      if (!op) continue;
      const parameters = [...((item.parameters as unknown[]) ?? []), ...((op.parameters as unknown[]) ?? [])].map((p) => {
        const param = this.deref(p) as Json;
        const schema = (this.deref(param.schema) ?? {}) as Json;
        return {
          name: String(param.name),
          in: String(param.in),
          required: param.required === true,
          schema,
          example: param.example ?? schema.example ?? (Array.isArray(schema.examples) ? schema.examples[0] : undefined) ?? schema.default,
        };
      });
      out.push({
        operationId: String(op.operationId),
        method: "GET",
        path,
        parameters,
        statuses: Object.keys((op.responses ?? {}) as Json),
        assumed: this.assumed(op) || this.assumed(item.parameters),
        pointer: `/paths/${esc(path)}/get`,
      });
    }
    return out;
  }

  /** What the spec says about one answer: status declared, media type declared, body conforming. */
  checkAnswer(op: Operation, status: number, contentType: string, body: unknown): Violation[] {
    const key = [String(status), `${String(status)[0]}XX`, "default"].find((k) => op.statuses.includes(k));
    if (!key) return [{ where: "status", message: `status ${status} is not declared (declared: ${op.statuses.join(", ")})` }];
    const response = this.deref(this.at(`${op.pointer}/responses/${key}`)) as Json;
    const content = (this.deref(response.content) ?? {}) as Json;
    const media = Object.keys(content);
    const received = contentType.split(";")[0]!.trim().toLowerCase();
    if (media.length === 0) return [];
    const match = media.find((m) => m.toLowerCase() === received) ?? media.find((m) => m === "*/*" || (m.endsWith("/*") && received.startsWith(m.slice(0, -1))));
    if (!match) return [{ where: "header:content-type", message: `received ${received || "no content type"}; declared ${media.join(", ")}` }];
    if (!/json/.test(match) || body === undefined) return [];
    const schema = (content[match] as Json).schema;
    if (!schema) return [];
    const pointer = `${op.pointer}/responses/${esc(key)}/content/${esc(match)}/schema`;
    let validate = this.#validators.get(pointer);
    if (!validate) {
      // The pointer may run through a $ref'd response: validate against the resolved schema, refs inside against the spec.
      validate = this.#ajv.compile({ $ref: `spec#${this.resolvedPointer(pointer)}` });
      this.#validators.set(pointer, validate);
    }
    return validate(body) ? [] : describeErrors(validate.errors ?? [], body);
  }

  /** The pointer of `pointer` with every `$ref` on the way followed. */
  resolvedPointer(pointer: string): string {
    let at = "";
    let node: unknown = this.doc;
    for (const raw of pointer.split("/").slice(1)) {
      if (isObject(node) && typeof node.$ref === "string") {
        at = node.$ref.slice(1);
        node = this.deref(node);
      }
      node = isObject(node) ? node[raw.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
      at = `${at}/${raw}`;
    }
    if (isObject(node) && typeof node.$ref === "string") at = node.$ref.slice(1);
    return at;
  }
}

const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "number" && Number.isInteger(v) ? "integer" : typeof v);

function valueAt(body: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((n, k) => (n && typeof n === "object" ? (n as Json)[k] : undefined), body);
}

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
