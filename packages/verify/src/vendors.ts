import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
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
interface Block {
  spec: string;
  prefix: string;
  client?: {
    factory?: string;
    credentials?: Record<string, { env?: string }>;
    baseUrl: { default?: string; env?: string };
  };
}

/**
 * A vendor from its package's `"specyard".client` block: the same environment variable names as its
 * README and docs samples. The options are read from the block, so the factory sees them untyped; the
 * crawler picks operations from the spec at run time, so the client is seen untyped too: this is the
 * one place where either happens.
 */
function vendor(pkg: string, block: NonNullable<Block["client"]>, factory: (options: never) => object): Vendor {
  const credentials = Object.entries(block.credentials ?? {}).map(([option, { env }]) => [option, env ?? ""] as const);
  return {
    env: credentials.map(([, env]) => env),
    defaultBaseUrl: block.baseUrl.default,
    baseUrlEnv: block.baseUrl.env,
    specFile: require.resolve(`${pkg}/openapi.json`),
    client: (env, baseUrl, logger) => factory({ ...Object.fromEntries(credentials.map(([option, name]) => [option, env[name]])), baseUrl, logger } as never) as CrawlClient,
  };
}

/**
 * Every vendor package this package depends on (a `"specyard".client` block in its package.json), by the
 * name of its spec: `pnpm new-vendor` adds a new one to the dependencies, and it is verifiable.
 */
async function loadVendors(): Promise<Record<string, Vendor>> {
  const own = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { dependencies?: Record<string, string> };
  const vendors: Record<string, Vendor> = {};
  for (const pkg of Object.keys(own.dependencies ?? {})) {
    const block = (require(`${pkg}/package.json`) as { specyard?: Block }).specyard;
    if (!block?.client) continue;
    const factory = ((await import(pkg)) as Record<string, unknown>)[block.client.factory ?? `create${block.prefix}Client`];
    if (typeof factory !== "function") throw new Error(`${pkg} exports no ${block.client.factory ?? `create${block.prefix}Client`} (its package.json "specyard" block names it)`);
    vendors[block.spec] = vendor(pkg, block.client, factory as (options: never) => object);
  }
  return vendors;
}

export const VENDORS: Record<string, Vendor> = await loadVendors();
