import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultServer, type FaultServer, type RecordedRequest } from "./fault-server.js";
import { HTTP_METHODS, listOperations, loadSpec, type Operation } from "./spec.js";

/** A vendor client; the suite calls its untyped `request(method, path, init)`, since it walks every operation by name. */
interface AnyClient {
  request: unknown;
}
type UntypedRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<unknown>;

export interface SecuritySuiteOptions {
  vendor: string;
  /** The bundled spec the package was generated from (`<package>/openapi.json`). */
  specFile: string;
  /** The security scheme the client's credentials fulfil, e.g. `bearerAuth`. */
  scheme: string;
  /** A client with credentials, pointed at `baseUrl`. */
  client: (baseUrl: string) => AnyClient;
  /** A client without credentials, when the package allows one (Simplo: only the report hash). */
  clientWithout?: (baseUrl: string) => AnyClient;
  /** The credentials the client is given (they count as sent wherever they appear). */
  secrets: string[];
  /** The error a call that needs credentials raises from a client without them. */
  ConfigurationError: abstract new (...args: never[]) => Error;
}

/** The token the loopback server issues, in every token answer shape the vendors use. */
const ISSUED = "issued-token-5b1f9c";
const TOKEN_ANSWER = { access_token: ISSUED, token_type: "bearer", expires_in: 3600, token: ISSUED, expireDate: 4_102_444_800, accessToken: ISSUED, expires: "2100-01-01 00:00:00 +00:00" };

/** Headers that carry credentials whatever their value. */
const CREDENTIAL_HEADERS = ["authorization", "x-auth-token", "cookie", "proxy-authorization"];

/** Whether a request carries credentials: a credential header, or a known secret anywhere in its head. */
function carriesCredentials(req: RecordedRequest, secrets: string[]): boolean {
  const head = [req.url, ...Object.values(req.headers).flat()].join("\n");
  return CREDENTIAL_HEADERS.some((h) => h in req.headers) || [ISSUED, ...secrets].some((s) => head.includes(s) || head.includes(encodeURIComponent(s)));
}

/** What the spec says about the client's credentials for `op`: its own `security`, else the root one. */
function securityOf(op: Operation, rootSecurity: Record<string, string[]>[] | undefined, scheme: string) {
  const requirement: Record<string, string[]>[] = op.definition.security ?? rootSecurity ?? [];
  const uses = requirement.some((alternative) => scheme in alternative);
  const optional = requirement.some((alternative) => Object.keys(alternative).length === 0);
  return { uses, optional, label: !uses ? "none" : optional ? "optional" : "required" };
}

/** One call of `op` with every path parameter filled; the loopback server answers anything. */
const callOf = (client: AnyClient, op: Operation) => {
  const path = Object.fromEntries([...op.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name, "1"]));
  return (client.request as UntypedRequest)(op.method, op.path, { params: { path }, retry: false, parseAs: "text" });
};

/**
 * For every operation of a bundled spec, derived from the spec (no list of operations): the client's
 * credentials go out exactly when the operation's security names the client's scheme, optional ones
 * (`[{ scheme: [] }, {}]`) included; a client without credentials sends the operations that need none
 * without any and refuses the others before sending.
 */
export function securitySuite(o: SecuritySuiteOptions): void {
  const spec = loadSpec(o.specFile);
  const operations = listOperations(spec).map((op) => {
    const security = securityOf(op, spec.security, o.scheme);
    return { op, ...security, title: `${op.method.toUpperCase()} ${op.path} (${op.operationId}): security ${security.label}` };
  });
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(TOKEN_ANSWER));
    });
  });
  afterAll(() => server.close());

  describe(`${o.vendor}: credentials go out exactly where the spec's security asks for them`, () => {
    let client: AnyClient;
    beforeAll(async () => {
      client = o.client(server.baseUrl);
      // Obtain the token once, so that each case below sees exactly its own request.
      const first = operations.find((x) => x.uses);
      if (first) await callOf(client, first.op);
    });

    it("covers every operation of the spec", () => {
      const declared = Object.values<object>(spec.paths).flatMap((item) => Object.keys(item).filter((k) => HTTP_METHODS.some((m) => m === k)));
      expect(operations.length).toBe(declared.length);
    });

    it.each(operations)("$title", async ({ op, uses }) => {
      server.requests.length = 0;
      await callOf(client, op);
      expect(server.requests.map((r) => `${r.method} ${r.url.split("?")[0]}`)).toHaveLength(1);
      expect(carriesCredentials(server.requests[0]!, o.secrets), "credentials sent").toBe(uses);
    });
  });

  if (o.clientWithout) {
    const without = o.clientWithout;
    describe(`${o.vendor}: a client without credentials`, () => {
      it.each(operations)("$title", async ({ op, uses, optional }) => {
        server.requests.length = 0;
        const outcome = await callOf(without(server.baseUrl), op).catch((e: unknown) => e);
        if (uses && !optional) {
          expect(outcome).toBeInstanceOf(o.ConfigurationError);
          expect(server.requests, "nothing sent").toHaveLength(0);
        } else {
          expect(server.requests).toHaveLength(1);
          expect(carriesCredentials(server.requests[0]!, o.secrets), "credentials sent").toBe(false);
        }
      });
    });
  }
}
