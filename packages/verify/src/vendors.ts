import { createRequire } from "node:module";
import { create12BuildClient } from "@specyard/12build";
import { createBlikkClient } from "@specyard/blikk";
import { createEndreClient } from "@specyard/endre";
import { createSimploClient } from "@specyard/simplo";
import type { Logger } from "@specyard/core";

const require = createRequire(import.meta.url);

/** What the crawler needs of a vendor client: untyped GETs (it walks every operation of the spec). */
export interface CrawlClient {
  request(method: "get", path: string, init: Record<string, unknown>): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

export interface Vendor {
  /** Environment variables holding the credentials, in the order they are read. */
  env: readonly string[];
  /** The vendor's default server, if the API has one. */
  defaultBaseUrl?: (env: Record<string, string>) => string | undefined;
  /** The bundled spec shipped in the vendor package. */
  specFile: string;
  /** The vendor's own client, with its auth, limiter, retries and deadline. */
  client(env: Record<string, string>, baseUrl: string, logger: Logger): CrawlClient;
}

/**
 * The crawler picks operations from the spec at run time, so their paths and parameters are not known
 * to the type checker: this is the one place where the typed client is seen untyped.
 */
const untyped = (client: object) => client as CrawlClient;

export const VENDORS: Record<string, Vendor> = {
  endre: {
    env: ["ENDRE_USERNAME", "ENDRE_PASSWORD"],
    defaultBaseUrl: () => "https://public-api.endre.app",
    specFile: require.resolve("@specyard/endre/openapi.json"),
    client: (env, baseUrl, logger) => untyped(createEndreClient({ username: env.ENDRE_USERNAME!, password: env.ENDRE_PASSWORD!, baseUrl, logger })),
  },
  "12build": {
    env: ["TWELVEBUILD_LOGIN", "TWELVEBUILD_API_KEY"],
    defaultBaseUrl: () => "https://api.12build.com",
    specFile: require.resolve("@specyard/12build/openapi.json"),
    client: (env, baseUrl, logger) => untyped(create12BuildClient({ login: env.TWELVEBUILD_LOGIN!, apiKey: env.TWELVEBUILD_API_KEY!, baseUrl, logger })),
  },
  blikk: {
    env: ["BLIKK_APP_ID", "BLIKK_APP_SECRET"],
    defaultBaseUrl: () => "https://publicapi.blikk.com",
    specFile: require.resolve("@specyard/blikk/openapi.json"),
    client: (env, baseUrl, logger) => untyped(createBlikkClient({ appId: env.BLIKK_APP_ID!, appSecret: env.BLIKK_APP_SECRET!, baseUrl, logger })),
  },
  simplo: {
    env: ["SIMPLO_TOKEN"],
    // Simplo IS has no shared host: each installation has its own.
    defaultBaseUrl: (env) => env.SIMPLO_BASE_URL,
    specFile: require.resolve("@specyard/simplo/openapi.json"),
    client: (env, baseUrl, logger) => untyped(createSimploClient({ token: env.SIMPLO_TOKEN!, baseUrl, logger })),
  },
};
