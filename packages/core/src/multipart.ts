/**
 * A `bodySerializer` for `multipart/form-data` operations: one part per property of the body object.
 * `Blob`/`File` values become file parts (a `File` keeps its name), arrays become repeated parts,
 * plain objects are sent as JSON text, other values as text; `undefined` and `null` are left out.
 * fetch sets `Content-Type: multipart/form-data; boundary=…` itself (openapi-fetch drops its JSON default).
 */
export function formDataBody(body: unknown): FormData {
  if (body instanceof FormData) return body;
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new TypeError("formDataBody: the request body must be an object of form fields");
  }
  const form = new FormData();
  const append = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (value instanceof Blob) form.append(name, value);
    else if (typeof value === "object") form.append(name, JSON.stringify(value));
    else form.append(name, String(value));
  };
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value)) for (const v of value) append(name, v);
    else append(name, value);
  }
  return form;
}
