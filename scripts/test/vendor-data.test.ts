// A vendor as data (scripts/lib/vendor-data.mjs, vendor-source.mjs): what the tools read of a package's
// "specyard" block, and the blocks the generator refuses, each with the field and the fix.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../lib/specs.mjs";
import { checkBlock, envNames, factoryName, tokenOperation, vendorPackages, type Block, type Client } from "../lib/vendor-data.mjs";
import { vendorSource } from "../lib/vendor-source.mjs";

const blockOf = (vendor: string): Block & { client: Client } => JSON.parse(readFileSync(join(ROOT, "packages", vendor, "package.json"), "utf8")).specyard;

describe("the specyard block, read", () => {
  it("names the environment variables, the factory and the token exchange of each vendor", () => {
    expect(envNames(blockOf("blikk").client)).toEqual({ appId: "BLIKK_APP_ID", appSecret: "BLIKK_APP_SECRET" });
    expect(envNames(blockOf("simplo").client)).toEqual({ token: "SIMPLO_TOKEN", baseUrl: "SIMPLO_BASE_URL" });
    expect(factoryName(blockOf("12build"))).toBe("create12BuildClient");
    expect(factoryName(blockOf("endre"))).toBe("createEndreClient");
    expect(tokenOperation(blockOf("12build").client)).toBe("GET /tokens");
    expect(tokenOperation(blockOf("endre").client)).toBe("POST /token");
    expect(tokenOperation(blockOf("simplo").client)).toBeUndefined();
  });

  it("verify's README has a row per vendor package with the variables of its block", () => {
    const readme = readFileSync(join(ROOT, "packages/verify/README.md"), "utf8");
    for (const { name, block } of vendorPackages(ROOT)) {
      const row = readme.split("\n").find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, `a row for ${name} in packages/verify/README.md`).toBeDefined();
      for (const env of Object.values(envNames(block.client))) expect(row).toContain(`\`${env}\``);
    }
  });

  it("an API key in the query becomes core's apiKeyAuth with the spec's parameter name", () => {
    const block: Block = {
      spec: "acme",
      prefix: "Acme",
      client: { credentials: { apiKey: { env: "ACME_API_KEY", secret: true } }, baseUrl: { default: "https://api.acme.test" }, auth: { strategy: "apiKeyAuth", scheme: "keyAuth", in: "query", name: "key" } },
    };
    const source = vendorSource(block, { header: "" });
    expect(source).toContain(`auth: apiKeyAuth({ key: apiKey, in: "query", name: "key" }),`);
    expect(source).toContain(`export const ACME_BASE_URL = "https://api.acme.test";`);
    expect(source).toContain("export interface AcmeClientOptions extends ClientSettings {");
  });
});

describe("a block the generator refuses, naming the field and the fix", () => {
  const client: Client = { baseUrl: { default: "https://api.acme.test" } };
  const cases: [string, Block, RegExp][] = [
    ["no prefix", { spec: "acme" }, /names no "prefix" \(e\.g\. "Endre" for EndreClient\)/],
    ["a base URL with neither default nor required", { spec: "acme", prefix: "Acme", client: { baseUrl: {} } }, /client\.baseUrl needs a "default" URL, or "required"/],
    ["a strategy core does not have", { spec: "acme", prefix: "Acme", client: { ...client, auth: { strategy: "digest" as never, scheme: "d" } } }, /strategy "digest" is none of oauth2PasswordGrant, /],
    [
      "a secret in the rate limiter's key",
      { spec: "acme", prefix: "Acme", client: { ...client, credentials: { key: { secret: true } }, rateLimit: { limit: 1, windowMs: 1000, keyBy: ["key"] } } },
      /keyBy names the secret "key"/,
    ],
  ];
  it.each(cases)("%s", (_, block, message) => {
    expect(() => checkBlock(block)).toThrow(message);
    expect(() => vendorSource(block, { header: "" })).toThrow(message);
  });
});
