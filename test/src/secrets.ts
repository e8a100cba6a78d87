import { inspect } from "node:util";
import { expect } from "vitest";

/** Every way an error shows itself when it is printed, logged or serialised. */
export function errorSurfaces(err: unknown): Record<string, string> {
  const e = err as Error & { url?: unknown; body?: unknown };
  return {
    message: e.message,
    string: String(e),
    stack: e.stack ?? "",
    json: JSON.stringify(e) ?? "",
    inspect: inspect(e, { depth: 10 }),
    url: String(e.url ?? ""),
    body: JSON.stringify(e.body ?? null),
  };
}

/**
 * Asserts that no secret (as is, percent-encoded or form-encoded) appears in any surface of `err`
 * or in the given log lines.
 */
export function expectNoSecrets(err: unknown, secrets: string[], log: string[] = []): void {
  expect(err).toBeInstanceOf(Error);
  expectNoSecretsIn({ ...errorSurfaces(err), log: log.join("\n") }, secrets);
}

/** Asserts that no secret (as is, percent-encoded or form-encoded) appears in any of the named texts. */
export function expectNoSecretsIn(shown: Record<string, string>, secrets: string[]): void {
  for (const secret of secrets) {
    const variants = new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]);
    for (const variant of variants) {
      for (const [where, text] of Object.entries(shown)) expect(text, `${where} must not contain a secret`).not.toContain(variant);
    }
  }
}
