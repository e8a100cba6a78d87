import { esc, isJsonMedia as isJson, resolvePointer, responseKey, type Json, type OpenApiDoc, type Operation } from "@specyard/spec";

/** The smallest PDF readers open: one empty page. Binary PDF answers carry these bytes. */
export const MINIMAL_PDF =
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
  "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

/** One answer of the spec: status, media type (none for an empty body), body and where its schema is. */
export interface Answer {
  status: number;
  media?: string;
  body?: unknown;
  schemaPointer?: string;
}

/** The documented success status: the lowest 2xx (a `2XX` range counts as 200). */
export function successStatus(op: Operation): number {
  const codes = Object.keys(op.definition.responses ?? {})
    .filter((k) => /^2(\d\d|XX)$/i.test(k))
    .map((k) => (/XX$/i.test(k) ? 200 : Number(k)));
  return codes.length ? Math.min(...codes) : 200;
}

/** The example of one media type: `example`, else the named one (or the first of `examples`), else the schema's own. */
function exampleOf(spec: OpenApiDoc, at: string, named?: string): unknown {
  const media = resolvePointer(spec, at)?.node ?? {};
  if ("example" in media && !named) return media.example;
  const names = Object.keys(media.examples ?? {});
  const name = named && names.includes(named) ? named : names[0];
  if (name !== undefined) {
    const ex = resolvePointer(spec, `${at}/examples/${esc(name)}`)?.node;
    if (ex && "value" in ex) return ex.value;
  }
  if ("example" in media) return media.example;
  const schema = resolvePointer(spec, `${at}/schema`)?.node;
  return schema?.examples?.[0] ?? schema?.example;
}

/**
 * The spec's answer for `status`: the response's media type (the one `accept` names, else the first)
 * and its example. An error response without an example gets a problem body, as Prism does.
 */
export function answerFor(spec: OpenApiDoc, op: Operation, status: number, accept: string | null, exampleName?: string): Answer {
  const key = responseKey(op, status);
  if (!key) return problem(status);
  const content = resolvePointer(spec, `${op.pointer}/responses/${esc(key)}/content`);
  const types = Object.keys(content?.node ?? {});
  if (!content || types.length === 0) return { status };
  const wanted = (accept ?? "").split(",").map((t) => t.split(";")[0]?.trim().toLowerCase());
  const media = types.find((t) => wanted.includes(t.toLowerCase())) ?? types[0] ?? "application/json";
  const at = `${content.pointer}/${esc(media)}`;
  const schemaPointer = resolvePointer(spec, `${at}/schema`)?.pointer;
  const body = exampleOf(spec, at, exampleName);
  if (body === undefined && isJson(media)) return { ...problem(status), media, schemaPointer };
  return { status, media, body, schemaPointer };
}

/** A problem+json style body for answers the spec gives no example for. */
function problem(status: number, detail?: string): Answer {
  const title = status === 401 ? "Unauthorized" : status === 422 ? "Unprocessable Entity" : status === 400 ? "Bad Request" : "Error";
  return { status, media: "application/problem+json", body: { type: "about:blank", title, status, detail: detail ?? title } };
}

/**
 * Page `page` after the first of a paged list: the example with every list emptied, its page number
 * (`page`, also inside an envelope such as `_meta`) set to `page` and its count of items on the page
 * (`itemCount`) to 0; totals stay as they were, so a client reading `totalPages`, `total_pages` or an
 * empty page stops.
 */
export function laterPage(example: unknown, page: number): unknown {
  if (Array.isArray(example)) return [];
  if (!example || typeof example !== "object") return example;
  const out: Json = {};
  for (const [k, v] of Object.entries(example)) {
    if (Array.isArray(v)) out[k] = [];
    else if (/^(page|pageNumber|currentPage|current_page)$/i.test(k) && typeof v === "number") out[k] = page;
    else if (/^(itemCount|item_count)$/i.test(k) && typeof v === "number") out[k] = 0;
    else if (v && typeof v === "object") out[k] = laterPage(v, page);
    else out[k] = v;
  }
  return out;
}

/** The answer as a fetch `Response`: JSON serialized, text as is, other media as bytes (a PDF for `application/pdf`). */
export function toResponse(a: Answer): Response {
  if (!a.media || a.status === 204) return new Response(null, { status: a.status });
  const headers = { "Content-Type": a.media };
  if (isJson(a.media)) return new Response(JSON.stringify(a.body ?? null), { status: a.status, headers });
  if (a.media.startsWith("text/")) return new Response(String(a.body ?? ""), { status: a.status, headers });
  const bytes = a.media === "application/pdf" ? MINIMAL_PDF : typeof a.body === "string" && a.body ? a.body : "specyard mock bytes";
  return new Response(new TextEncoder().encode(bytes), { status: a.status, headers });
}
