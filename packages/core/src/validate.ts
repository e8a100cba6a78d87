// Response validation, opt-in: the validators come precompiled from a vendor package's `./validate`
// entry (ajv standalone code, see scripts/lib/validators.mjs). The client only calls `review()` when
// `validate` is set, so a client without it bundles none of this file but its types.
import { SpecyardError } from "./errors.js";
import type { Logger } from "./shared.js";

/** One way an answer differs from the spec. Never carries a value of the answer. */
export interface DriftProblem {
  /** JSON pointer of the field in the body (`/items/3/email`; `""` is the whole body). */
  pointer: string;
  /** The JSON Schema keyword it fails (`type`, `required`, `enum`, ...), or `status` / `json`. */
  keyword: string;
  message: string;
  /** Whether the spec marks that part of the schema `x-assumed`: a guess met the real API. */
  assumed: boolean;
}

/** An answer that does not conform to the spec. */
export interface Drift {
  /** The call, as errors name it: `GET /v1/Core/Contacts/{contactId}`. */
  operation: string;
  status: number;
  problems: DriftProblem[];
}

/** An answer that does not conform to the spec, with `validate: { mode: "throw" }`. */
export class ResponseValidationError extends SpecyardError {
  static {
    this.prototype.name = "ResponseValidationError";
  }
  readonly drift: Drift;
  constructor(drift: Drift) {
    const where = drift.problems.map((p) => `${p.pointer || "/"} ${p.message}`).join("; ");
    super(`${drift.operation} answered ${drift.status} with a body that does not conform to the spec: ${where}`);
    this.drift = drift;
  }
}

/** An ajv standalone validator (the parts used here). */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: { instancePath: string; keyword: string; params: Record<string, unknown> }[] | null;
}

/** By operation and declared status (`200`, `4XX`, `default`): a validator and its assumed pointers, or 0 (no JSON body declared). */
export type ResponseTable = Record<string, Record<string, readonly [CompiledValidator, readonly string[]] | 0>>;

export interface ValidateOptions {
  /** The validators: `import { responses } from "@specyard/<vendor>/validate"`. */
  responses: ResponseValidators;
  /** `report` (default): the call returns as usual and `onDrift` hears of it. `throw`: a `ResponseValidationError`. */
  mode?: "report" | "throw";
  /** Called once per non-conforming answer in report mode. Default: one `logger.warn` line. */
  onDrift?: (drift: Drift) => void;
}

const quote = (v: unknown) => JSON.stringify(v);

/** A message from the keyword and the schema's side of ajv's params (never the value received). */
function describe(keyword: string, params: Record<string, unknown>): string {
  if (keyword === "required") return `missing required property ${quote(params.missingProperty)}`;
  if (keyword === "type") return `expected ${[params.type].flat().join(" or ")}`;
  if (keyword === "enum") return `not one of ${quote(params.allowedValues)}`;
  if (keyword === "const") return `not ${quote(params.allowedValue)}`;
  if (keyword === "additionalProperties" || keyword === "unevaluatedProperties") return "a property the spec does not declare";
  if (keyword === "pattern") return `does not match ${quote(params.pattern)}`;
  if (keyword === "format") return `not a ${quote(params.format)}`;
  if (typeof params.limit === "number") return `fails ${keyword} ${params.limit}`;
  return `fails ${keyword}`;
}

/** The pointer of the field a problem is about: the missing or undeclared property itself, else where ajv found it. */
function pointerOf(e: NonNullable<CompiledValidator["errors"]>[number]): string {
  const name = e.params.missingProperty ?? e.params.additionalProperty ?? e.params.unevaluatedProperty;
  return typeof name === "string" ? `${e.instancePath}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}` : e.instancePath;
}

/** Whether `pointer` lies at or below one of the assumed pointers (`*` matches one segment). */
function isBelow(pointer: string, assumed: readonly string[]): boolean {
  const segments = pointer.split("/");
  return assumed.some((a) => a.split("/").every((s, i) => s === "*" || s === segments[i]));
}

export class ResponseValidators {
  constructor(private readonly table: ResponseTable) {}

  /**
   * The drift of one answer, or undefined when it conforms. An operation the table does not know, or a
   * status that declares no JSON body, is not checked; a status the spec does not declare is a drift
   * (keyword `status`); `json: false` (the body did not parse) where JSON is declared is a drift (keyword `json`).
   */
  check(operation: string, status: number, body: unknown, json = true): Drift | undefined {
    const statuses = this.table[operation];
    if (!statuses) return undefined;
    const key = [String(status), `${String(status)[0]}XX`, "default"].find((k) => k in statuses);
    const drift = (problems: DriftProblem[]): Drift => ({ operation, status, problems });
    if (key === undefined) {
      return drift([{ pointer: "", keyword: "status", message: `status ${status} is not declared (declared: ${Object.keys(statuses).join(", ")})`, assumed: false }]);
    }
    const entry = statuses[key];
    if (!entry) return undefined;
    const [validate, assumed] = entry;
    if (!json) return drift([{ pointer: "", keyword: "json", message: "the body is not JSON", assumed: isBelow("", assumed) }]);
    if (validate(body)) return undefined;
    const problems: DriftProblem[] = [];
    for (const e of validate.errors ?? []) {
      const pointer = pointerOf(e);
      const message = describe(e.keyword, e.params);
      // A nullable field (`anyOf: [X, null]`) fails each branch's `type`: one problem, "expected object or null".
      const sameType = e.keyword === "type" && problems.find((p) => p.pointer === pointer && p.keyword === "type");
      if (sameType) sameType.message += ` or ${[e.params.type].flat().join(" or ")}`;
      else if (!problems.some((p) => p.pointer === pointer && p.keyword === e.keyword && p.message === message)) {
        problems.push({ pointer, keyword: e.keyword, message, assumed: isBelow(pointer, assumed) });
      }
    }
    // An anyOf/oneOf failure says less than its branches' problems at the same field.
    return drift(problems.filter((p) => !(/^(anyOf|oneOf)$/.test(p.keyword) && problems.some((q) => q.pointer === p.pointer && q !== p))));
  }

  /** What the client does with one answer: undefined to go on (a drift reported), or the error to fail the call with. */
  review(options: ValidateOptions, logger: Logger | undefined, operation: string, status: number, body: unknown, json = true): ResponseValidationError | undefined {
    const drift = this.check(operation, status, body, json);
    if (!drift) return undefined;
    if (options.mode === "throw") return new ResponseValidationError(drift);
    if (options.onDrift) options.onDrift(drift);
    else logger?.warn?.(`specyard: drift: ${drift.operation} ${drift.status}: ${drift.problems.map((p) => `${p.pointer || "/"} ${p.keyword}${p.assumed ? " (assumed)" : ""}`).join(", ")}`);
    return undefined;
  }
}

/** The validators of a vendor's `./validate` entry, from its generated table. */
export const responseValidators = (table: ResponseTable) => new ResponseValidators(table);
