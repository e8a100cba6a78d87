/**
 * Encodes a value as JSON, then as standard padded base64 (RFC 4648 §4, UTF-8), for APIs that take
 * structured query parameters that way (e.g. `?filter=eyJhY3RpdmUiOnsiZXEiOnRydWV9fQ==`).
 * Pass the parameter's decoded schema as `T` to have the value type-checked. openapi-fetch
 * URL-encodes `+`, `/` and `=` when it builds the query string.
 */
export function base64JsonParam<T>(value: T): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError("base64JsonParam: the value has no JSON representation");
  let binary = "";
  for (const byte of new TextEncoder().encode(json)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
