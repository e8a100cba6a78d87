const MASK = "[REDACTED]";
/**
 * Query parameters whose values are masked in URLs: api key, password, (app/client) secret, (access/refresh)
 * token, auth, and the signatures of presigned storage URLs (`X-Amz-Signature`, `X-Goog-Credential`, `sig`), ...
 */
const SENSITIVE_PARAM =
  /^(api[-_]?key|pass(word)?|((app|client)[-_]?)?secret|((access|refresh)[-_]?)?token|auth(orization)?|(x-(amz|goog)-)?(signature|credential|security-token)|sig|hash|login|username)$/i;

/**
 * The credentials a client knows (passwords, API keys, app secrets, tokens). Every message, URL and
 * body that leaves the runtime in an error or a log line goes through `redact`.
 */
export class Secrets {
  readonly #values = new Set<string>();
  readonly #parent: Secrets | undefined;

  /** `parent`: secrets masked as well (a call's own secrets over its client's, which may still grow). */
  constructor(parent?: Secrets) {
    this.#parent = parent;
  }

  add(value: string | undefined | null): void {
    // very short values would mask ordinary text; they are not credentials anyway
    if (value && value.length > 3) this.#values.add(value);
  }

  /** Masks every known secret: as is, percent-encoded and form-encoded (`+` for spaces, as URLSearchParams writes it). */
  redact(text: string): string {
    for (const v of this.#values) {
      for (const form of new Set([v, encodeURIComponent(v), new URLSearchParams({ v }).toString().slice(2)])) text = text.split(form).join(MASK);
    }
    return this.#parent ? this.#parent.redact(text) : text;
  }

  /** Whether `text` contains a known secret (in any of the forms `redact` masks). */
  has(text: string): boolean {
    return this.redact(text) !== text;
  }

  /** Deep copy of a parsed JSON body (or a text body) with every known secret masked in its strings. */
  redactValue<T>(value: T): T {
    return value === undefined ? value : JSON.parse(JSON.stringify(value), (_, v: unknown) => (typeof v === "string" ? this.redact(v) : v));
  }
}

/** Removes user info and masks credential-like query parameters (and known secrets) in a URL. */
export function redactUrl(url: string, secrets?: Secrets): string {
  try {
    const u = new URL(url);
    u.username = u.password = "";
    for (const key of [...u.searchParams.keys()]) if (SENSITIVE_PARAM.test(key)) u.searchParams.set(key, MASK);
    url = u.href.replace(/%5BREDACTED%5D/g, MASK);
  } catch {
    // not a URL: fall through to secret masking
  }
  return secrets ? secrets.redact(url) : url;
}
