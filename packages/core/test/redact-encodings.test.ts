import { describe, expect, it } from "vitest";
import { Secrets, redactUrl } from "../src/index.js";

describe("Secrets.redact: every encoding of a secret", () => {
  const key = "k+y/with=special chars&more";
  const secrets = new Secrets();
  secrets.add(key);

  it("masks the raw, the percent-encoded and the form-encoded (URLSearchParams) forms", () => {
    const form = new URLSearchParams({ apiKey: key }).toString(); // apiKey=k%2By%2Fwith%3Dspecial+chars%26more
    expect(form).toContain("+chars");
    const text = `raw ${key} | pct ${encodeURIComponent(key)} | form /tokens?${form}`;
    const out = secrets.redact(text);
    expect(out).toBe("raw [REDACTED] | pct [REDACTED] | form /tokens?apiKey=[REDACTED]");
  });

  it("masks it in bodies and in URLs under a parameter name that is not credential-like", () => {
    expect(secrets.redactValue({ echo: [`q=${new URLSearchParams({ x: key }).toString()}`] })).toEqual({ echo: ["q=x=[REDACTED]"] });
    expect(redactUrl(`https://h.test/p?k=${encodeURIComponent(key)}&x=${new URLSearchParams({ key }).toString().slice(4)}`, secrets)).toBe(
      "https://h.test/p?k=[REDACTED]&x=[REDACTED]",
    );
  });
});
