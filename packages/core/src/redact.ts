const MASK = "[REDACTED]";
const SENSITIVE_PARAM = /^(api[-_]?key|password|pass|secret|app[-_]?secret|client[-_]?secret|token|access[-_]?token|refresh[-_]?token|auth|authorization|signature|hash|login|username)$/i;

/**
 * The credentials a client knows (passwords, API keys, app secrets, tokens). Every message, URL and
 * body that leaves the runtime in an error or a log line goes through `redact`.
 */
export class Secrets {
  private readonly values = new Set<string>();

  add(value: string | undefined | null): void {
    // very short values would mask ordinary text; they are not credentials anyway
    if (value && value.length >= 4) this.values.add(value);
  }

  /** Masks every known secret: as is, percent-encoded and form-encoded (`+` for spaces, as URLSearchParams writes it). */
  redact(text: string): string {
    let out = text;
    for (const v of this.values) {
      for (const form of new Set([v, encodeURIComponent(v), new URLSearchParams({ v }).toString().slice(2)])) {
        if (out.includes(form)) out = out.split(form).join(MASK);
      }
    }
    return out;
  }

  /** Deep copy of a parsed body with every known secret masked. */
  redactValue<T>(value: T): T {
    if (typeof value === "string") return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactValue(v)) as T;
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.redactValue(v);
      return out as T;
    }
    return value;
  }
}

/** Removes user info and masks credential-like query parameters (and known secrets) in a URL. */
export function redactUrl(url: string, secrets?: Secrets): string {
  let out = url;
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = "";
      u.password = "";
    }
    for (const key of [...u.searchParams.keys()]) {
      if (SENSITIVE_PARAM.test(key)) u.searchParams.set(key, MASK);
    }
    out = u.toString().replace(/%5BREDACTED%5D/g, MASK);
  } catch {
    // not a URL: fall through to secret masking
  }
  return secrets ? secrets.redact(out) : out;
}
