export interface StyledQueryOptions {
  /**
   * Array parameters sent comma-separated (`style: form, explode: false`): `phase=Calculatie,Inkoop`.
   * Every other array repeats its name (`style: form, explode: true`): `ids=1&ids=2`.
   */
  commaSeparated?: readonly string[];
  /**
   * Arrays written with indexes, `ids[0]=1&ids[1]=2` (as arrays inside objects are), instead of repeating
   * the name: a PHP backend keeps only the last of repeated keys without brackets. `true`: every array not
   * listed in `commaSeparated`. A list of names (the generated `queryArrays.indexedArrays`, from the
   * spec's `x-specyard-query: php-indexed`): those parameters, and an empty one goes out as `ids=`, so
   * the server sees it given and empty (clearing a list) rather than left out.
   */
  indexedArrays?: boolean | readonly string[];
}

const enc = encodeURIComponent;

/**
 * An openapi-fetch `querySerializer` for APIs whose query strings mix array styles per parameter and
 * nest objects deeper than one level, which openapi-fetch's default serializer refuses:
 * - primitives: `name=value`;
 * - arrays: `name=a&name=b` (or `name[0]=a&name[1]=b` with `indexedArrays`, `name=` for an empty one
 *   it lists by name), or `name=a,b` for the parameters listed in `commaSeparated`;
 * - objects (and arrays of objects): deepObject brackets at any depth, arrays inside objects indexed
 *   (`rows[0][properties][name]=x`, the form PHP and Rails parse natively).
 * Keys and values are percent-encoded, brackets are left as they are (as openapi-fetch does);
 * `undefined` and `null` values and empty arrays are left out.
 */
export function styledQuerySerializer({ commaSeparated = [], indexedArrays = false }: StyledQueryOptions = {}): (query: Record<string, unknown>) => string {
  return (query) => {
    const out: string[] = [];
    /** `key=value`, or one `key[k]=…` per entry of an object or array (indexes are keys too). */
    const nested = (key: string, value: unknown): void => {
      if (value == null) return;
      if (isObject(value)) for (const [k, v] of Object.entries(value)) nested(`${key}[${enc(k)}]`, v);
      else out.push(`${key}=${enc(scalar(value))}`);
    };
    for (const [name, value] of Object.entries(query ?? {})) {
      const key = enc(name);
      const comma = commaSeparated.includes(name);
      const byName = typeof indexedArrays === "object";
      const indexed = byName ? indexedArrays.includes(name) : indexedArrays;
      const empty = Array.isArray(value) && !value.some((v) => v != null);
      if (byName && indexed && empty) out.push(`${key}=`);
      else if (Array.isArray(value) && (comma || !indexed) && !value.some(isObject)) {
        const items = value.filter((v) => v != null).map((v) => enc(scalar(v)));
        if (items.length) out.push(comma ? `${key}=${items}` : items.map((v) => `${key}=${v}`).join("&"));
      } else nested(key, Array.isArray(value) ? value.filter((v) => v != null) : value);
    }
    return out.join("&");
  };
}

const isObject = (v: unknown): v is object => typeof v === "object" && v !== null && !(v instanceof Date);

const scalar = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));
