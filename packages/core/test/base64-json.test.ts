import { describe, expect, it } from "vitest";
import { base64JsonParam, redactUrl } from "../src/index.js";

const decode = (s: string) => JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0))));

describe("base64JsonParam", () => {
  it("encodes JSON as standard padded base64", () => {
    expect(base64JsonParam({ active: { eq: true } })).toBe("eyJhY3RpdmUiOnsiZXEiOnRydWV9fQ==");
    expect(base64JsonParam({ state: { eq: 1 } })).toBe("eyJzdGF0ZSI6eyJlcSI6MX19");
    const filter = { client_id: { in: [2, 3] }, from_at: { gte: "2023-01-01" } };
    expect(decode(base64JsonParam(filter))).toEqual(filter);
  });

  it("encodes non-ASCII text as UTF-8 and uses the standard alphabet (+ and /), not base64url", () => {
    const value = { name: { eq: "kaitrade.cz / grafické práce ?>" } };
    const encoded = base64JsonParam(value);
    expect(encoded).toMatch(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
    expect(decode(encoded)).toEqual(value);
    expect(base64JsonParam({ q: ">>>?" })).toBe(btoa('{"q":">>>?"}'));
    expect(base64JsonParam({ q: ">>>?" })).toContain("+");
  });

  it("type-checks the value against the decoded schema and refuses values without JSON", () => {
    type Filter = { active?: { eq?: boolean } };
    // @ts-expect-error `eq` must be a boolean
    base64JsonParam<Filter>({ active: { eq: "yes" } });
    expect(() => base64JsonParam(undefined)).toThrow(TypeError);
  });
});

describe("redactUrl masks a secret `hash` query parameter", () => {
  it("keeps the rest of the URL", () => {
    expect(redactUrl("https://api.test/reports/6/download-pdf?hash=GyhrUFdG84Buc9EV&page=2")).toBe(
      "https://api.test/reports/6/download-pdf?hash=[REDACTED]&page=2",
    );
  });
});
