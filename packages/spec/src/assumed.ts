// The spec's guesses: SPEC-GUIDE rule 11 marks each with `x-assumed: true` and a description starting "Assumed:".
import { deref, esc, type OpenApiDoc } from "./pointer.js";

/** One part of a spec that states an assumption. */
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
 * Examples are not walked: their values are data, not spec.
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

/** Whether `node` or anything it references (transitively, cycles safe) carries `x-assumed: true`. */
export function isAssumed(spec: OpenApiDoc, node: unknown, seen = new Set<unknown>()): boolean {
  if (!node || typeof node !== "object" || seen.has(node)) return false;
  seen.add(node);
  const o = node as Record<string, unknown>;
  if (o["x-assumed"] === true) return true;
  if (typeof o.$ref === "string") return isAssumed(spec, deref(spec, o), seen);
  return Object.values(o).some((v) => isAssumed(spec, v, seen));
}
