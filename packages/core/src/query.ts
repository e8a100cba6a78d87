export interface StyledQueryOptions {
  /**
   * Array parameters sent comma-separated (`style: form, explode: false`): `phase=Calculatie,Inkoop`.
   * Every other array repeats its name (`style: form, explode: true`): `ids=1&ids=2`.
   */
  commaSeparated?: readonly string[];
}

const enc = encodeURIComponent;

/**
 * An openapi-fetch `querySerializer` for APIs whose query strings mix array styles per parameter and
 * nest objects deeper than one level, which openapi-fetch's default serializer refuses:
 * - primitives: `name=value`;
 * - arrays: `name=a&name=b`, or `name=a,b` for the parameters listed in `commaSeparated`;
 * - objects (and arrays of objects): deepObject brackets at any depth, arrays inside objects indexed
 *   (`rows[0][properties][name]=x`, the form PHP and Rails parse natively).
 * Keys and values are percent-encoded, brackets are left as they are (as openapi-fetch does);
 * `undefined` and `null` values and empty arrays are left out.
 */
export function styledQuerySerializer(options: StyledQueryOptions = {}): (query: Record<string, unknown>) => string {
  const comma = new Set(options.commaSeparated ?? []);
  return (query) => {
    const out: string[] = [];
    const nested = (key: string, value: unknown): void => {
      if (value === undefined || value === null) return;
      if (Array.isArray(value)) value.forEach((v, i) => nested(`${key}[${i}]`, v));
      else if (isObject(value)) {
        for (const [k, v] of Object.entries(value)) nested(`${key}[${enc(k)}]`, v);
      } else out.push(`${key}=${enc(scalar(value))}`);
    };
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      const key = enc(name);
      if (Array.isArray(value) && !value.some(isObject)) {
        const items = value.filter((v) => v !== undefined && v !== null).map((v) => enc(scalar(v)));
        if (items.length === 0) continue;
        if (comma.has(name)) out.push(`${key}=${items.join(",")}`);
        else for (const v of items) out.push(`${key}=${v}`);
      } else nested(key, value);
    }
    return out.join("&");
  };
}

const isObject = (v: unknown): v is object => typeof v === "object" && v !== null && !(v instanceof Date);

function scalar(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}
