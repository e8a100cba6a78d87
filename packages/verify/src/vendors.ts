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
  defaultBaseUrl?: string;
  /** The environment variable naming the server when the API has no shared host (each Simplo IS installation has its own). */
  baseUrlEnv?: string;
  /** The bundled spec shipped in the vendor package. */
  specFile: string;
  /** The vendor's own client, with its auth, limiter, retries and deadline. */
  client(env: Record<string, string>, baseUrl: string, logger: Logger): CrawlClient;
}

/** The part of a vendor package's `"specyard"` block verify reads (CONTRIBUTING.md, "A vendor as data"). */
interface ClientBlock {
  credentials?: Record<string, { env?: string }>;
  baseUrl: { default?: string; env?: string };
}

/**
 * A vendor from its package's `"specyard".client` block: the same environment variable names as its
 * README and docs samples. The options are read from the block, so the factory sees them untyped; the
 * crawler picks operations from the spec at run time, so the client is seen untyped too: this is the
 * one place where either happens.
 */
function vendor(pkg: string, factory: (options: never) => object): Vendor {
  const block = (require(`${pkg}/package.json`) as { specyard: { client: ClientBlock } }).specyard.client;
  const credentials = Object.entries(block.credentials ?? {}).map(([option, { env }]) => [option, env ?? ""] as const);
  return {
    env: credentials.map(([, env]) => env),
    defaultBaseUrl: block.baseUrl.default,
    baseUrlEnv: block.baseUrl.env,
    specFile: require.resolve(`${pkg}/openapi.json`),
    client: (env, baseUrl, logger) => factory({ ...Object.fromEntries(credentials.map(([option, name]) => [option, env[name]])), baseUrl, logger } as never) as CrawlClient,
  };
}

export const VENDORS: Record<string, Vendor> = {
  endre: vendor("@specyard/endre", createEndreClient),
  "12build": vendor("@specyard/12build", create12BuildClient),
  blikk: vendor("@specyard/blikk", createBlikkClient),
  simplo: vendor("@specyard/simplo", createSimploClient),
};
