import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { CallResult } from "./contract.js";
import { json, startFaultServer, type FaultHandler, type FaultServer, type RecordedRequest } from "./fault-server.js";
import type { Tracer } from "@opentelemetry/api";
import { expectNoSecrets, expectNoSecretsIn } from "./secrets.js";
import { memoryTracer } from "./tracing.js";

/** Two local origins: the API on `http://127.0.0.1:P1`, another host on `http://localhost:P2`. */
export interface TwoOrigins {
  api: FaultServer;
  /** Records every request (URL, headers, body) that reaches it. */
  other: FaultServer;
  close(): Promise<void>;
}

/** The other origin's default answer: a JSON body that says where it came from. */
const fromOther: FaultHandler = (_req, res) => json(res, 200, { from: "other" });

/** Starts the API origin and another origin (by default answering `{ from: "other" }`). */
export async function startTwoOrigins(api: FaultHandler, other: FaultHandler = fromOther): Promise<TwoOrigins> {
  const [a, o] = await Promise.all([startFaultServer(api), startFaultServer(other, "localhost")]);
  return { api: a, other: o, close: async () => void (await Promise.all([a.close(), o.close()])) };
}

/** Writes a redirect answer. */
export function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location, "content-length": 0 });
  res.end();
}

/** Asserts that no secret (in any encoding) reached `server`: not in a URL, a header or a body. */
export function expectNothingReached(server: FaultServer, secrets: string[]): void {
  server.requests.forEach((r, i) =>
    expectNoSecretsIn({ [`request ${i + 1} line`]: `${r.method} ${r.url}`, [`request ${i + 1} headers`]: JSON.stringify(r.headers), [`request ${i + 1} body`]: r.body }, secrets),
  );
}

/**
 * A user-supplied `fetch` that follows redirects itself and forwards every header (and the body) to
 * wherever they point, unless the request says `redirect: "manual"`. What a hand-written fetch for a
 * proxy or an unusual runtime often looks like.
 */
export async function naiveFetch(input: Request): Promise<Response> {
  const body = input.body === null ? null : await input.arrayBuffer();
  let url = input.url;
  for (let hop = 0; ; hop++) {
    const res = await fetch(url, { method: input.method, headers: input.headers, body, redirect: "manual", signal: input.signal });
    const location = res.headers.get("location");
    if (input.redirect === "manual" || location === null || hop === 10) return res;
    url = new URL(location, url).href;
  }
}

/**
 * A `fetch` that sends requests for `https://api.test` to `target` (plain http on loopback), as a
 * forward proxy would: the client sees an https API whose redirects can point to plain http.
 */
export function httpsProxyFetch(target: string): (input: Request) => Promise<Response> {
  return async (input) => {
    const body = input.body === null ? null : await input.arrayBuffer();
    return fetch(input.url.replace(HTTPS_API, target), { method: input.method, headers: input.headers, body, redirect: input.redirect, signal: input.signal });
  };
}
export const HTTPS_API = "https://api.test";

type ErrorClass = abstract new (...args: never[]) => Error;

/** What a vendor client needs for the redirect cases (a subset of `ClientSettings`). */
export interface RedirectClientSettings {
  fetch?: (input: Request) => Promise<Response>;
  logger?: { debug(message: string): void };
  allowInsecureHttp?: boolean;
  tracer?: Tracer;
}

/** One typed call and the operation its errors name (`GET /path/{template}`). */
export interface RedirectCall<C> {
  operation: string;
  call: (client: C) => Promise<CallResult>;
}

export interface RedirectSuiteOptions<C> {
  vendor: string;
  /** A client with `throwOnError: true` against `baseUrl`. */
  client: (baseUrl: string, settings: RedirectClientSettings) => C;
  /** The vendor's token request: its operation, how to recognise it, a valid answer. Absent for a static token. */
  token?: { operation: string; is: (req: RecordedRequest) => boolean; answer: (res: ServerResponse) => void };
  /** The header (lower case) and value that carry the credentials on API calls. */
  credential: { header: string; value: string };
  get: RedirectCall<C>;
  /**
   * A POST; `bodyMark` is a string its body contains (none: it has no body). `bodyIsCredential`: the mark is
   * a credential of the call (Simplo's report hash), so a 307/308 to another origin is refused instead.
   */
  post: RedirectCall<C> & { bodyMark?: string; bodyIsCredential?: boolean };
  /** Every credential value (password, key, secret, Basic value, token): none may reach the other origin. */
  secrets: string[];
  errors: { RedirectError: ErrorClass; AuthenticationError: ErrorClass };
}

/**
 * Registers one vendor's redirect cases against two local origins: the API (`127.0.0.1`) answers
 * every call with the redirect under test; the other origin (`localhost`, another port) records what
 * reaches it. No credential may arrive there, whatever the redirect.
 */
export function redirectSuite<C>(o: RedirectSuiteOptions<C>): void {
  const { RedirectError, AuthenticationError } = o.errors;
  const running: TwoOrigins[] = [];
  afterEach(async () => void (await Promise.all(running.splice(0).map((s) => s.close()))));

  /** Two origins; the API answers token requests, then every other request with `api`. */
  async function origins(api: (req: RecordedRequest, res: ServerResponse, other: string) => void, other?: FaultHandler, redirectTokenRequest = false) {
    let otherUrl = "";
    const s = await startTwoOrigins((req, res) => (o.token?.is(req) && !redirectTokenRequest ? o.token.answer(res) : api(req, res, otherUrl)), other);
    otherUrl = s.other.baseUrl;
    running.push(s);
    return s;
  }
  /** The requests other than token requests. */
  const calls = (s: FaultServer) => s.requests.filter((r) => !o.token?.is(r));
  const lines = () => {
    const out: string[] = [];
    return { out, logger: { debug: (m: string) => void out.push(m) } };
  };

  describe(`${o.vendor}: redirects`, () => {
    it("to another origin (302): followed without credentials; nothing secret reaches it; logged redacted", async () => {
      const s = await origins((req, res, other) => redirect(res, 302, `${other}/storage/report.bin?expires=60`));
      const log = lines();
      const { data } = await o.get.call(o.client(s.api.baseUrl, { logger: log.logger }));
      expect(data).toEqual({ from: "other" });
      expect(s.other.requests).toHaveLength(1);
      expect(s.other.requests[0]).toMatchObject({ method: "GET", url: "/storage/report.bin?expires=60" });
      expect(s.other.requests[0]!.headers[o.credential.header]).toBeUndefined();
      expect(s.other.requests[0]!.headers.authorization).toBeUndefined();
      expectNothingReached(s.other, o.secrets);
      expect(log.out.join("\n")).toContain(`${o.get.operation} redirected (302) to ${s.other.baseUrl}/storage/report.bin?expires=60 without credentials`);
      expectNoSecretsIn({ log: log.out.join("\n") }, o.secrets);
    });

    it("traced: the hop is an event of the call's span; no credential in any span (token request, call, refused call)", async () => {
      const s = await origins((req, res, other) =>
        req.method === "GET"
          ? redirect(res, 302, `${other}/storage/report.bin?expires=60`)
          : json(res, 400, { message: `refused ${req.headers[o.credential.header]}` }),
      );
      const t = memoryTracer();
      const client = o.client(s.api.baseUrl, { tracer: t.tracer });
      await o.get.call(client);
      const refused = await o.post.call(client).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Error);
      const [get] = t.spans().filter((x) => x.name === o.get.operation);
      expect(get!.events.filter((e) => e.name === "specyard.redirect").map((e) => e.attributes)).toEqual([
        { "http.response.status_code": 302, "specyard.redirect.origin": s.other.baseUrl, "specyard.redirect.credentials_dropped": true },
      ]);
      const [post] = t.spans().filter((x) => x.name === o.post.operation);
      expect(post).toMatchObject({ attributes: { "error.type": "400" }, status: { code: 2, message: expect.stringContaining("[REDACTED]") } });
      expect(t.spans().filter((x) => x.name === o.token?.operation)).toHaveLength(o.token ? 1 : 0);
      expectNoSecretsIn({ spans: t.text() }, o.secrets);
    });

    it("within the origin (301, 302, 307, 308): followed with credentials", async () => {
      for (const status of [301, 302, 307, 308]) {
        const s = await origins((req, res) => (req.url.startsWith("/moved") ? json(res, 200, { at: req.url }) : redirect(res, status, `/moved/${status}`)));
        const { data } = await o.get.call(o.client(s.api.baseUrl, {}));
        expect(data).toEqual({ at: `/moved/${status}` });
        const sent = calls(s.api);
        expect(sent.map((r) => [r.method, r.headers[o.credential.header]])).toEqual([
          ["GET", o.credential.value],
          ["GET", o.credential.value],
        ]);
        expect(s.other.requests).toHaveLength(0);
      }
    });

    it("307 and 308 answering a POST: method and body re-sent to the other origin, credentials not (refused when the body carries one)", async () => {
      for (const status of [307, 308]) {
        const s = await origins((req, res, other) => redirect(res, status, `${other}/upload`));
        if (o.post.bodyIsCredential) {
          const err = await o.post.call(o.client(s.api.baseUrl, {})).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(RedirectError);
          expect(err).toMatchObject({ operation: o.post.operation, status });
          expect(s.other.requests).toHaveLength(0);
          expectNoSecrets(err, [...o.secrets, o.post.bodyMark ?? ""]);
          continue;
        }
        const { data } = await o.post.call(o.client(s.api.baseUrl, {}));
        expect(data).toEqual({ from: "other" });
        expect(s.other.requests).toHaveLength(1);
        expect(s.other.requests[0]!.method).toBe("POST");
        if (o.post.bodyMark === undefined) expect(s.other.requests[0]!.body).toBe("");
        else expect(s.other.requests[0]!.body).toContain(o.post.bodyMark);
        expectNothingReached(s.other, o.secrets);
      }
    });

    it("301, 302 and 303 answering a POST: a GET without the body (fetch's rules)", async () => {
      for (const status of [301, 302, 303]) {
        const s = await origins((req, res, other) => redirect(res, status, `${other}/result`));
        await o.post.call(o.client(s.api.baseUrl, {}));
        expect(s.other.requests.map((r) => [r.method, r.body, r.headers["content-type"]])).toEqual([["GET", "", undefined]]);
        expectNothingReached(s.other, o.secrets);
      }
    });

    it("https to plain http: a RedirectError naming the operation, nothing sent; allowInsecureHttp follows it without credentials", async () => {
      const s = await origins((req, res, other) => redirect(res, 302, `${other}/storage/report.bin`));
      const proxy = httpsProxyFetch(s.api.baseUrl);
      const err = await o.get.call(o.client(HTTPS_API, { fetch: proxy })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RedirectError);
      expect(err).toMatchObject({ operation: o.get.operation, status: 302 });
      expect(String(err)).toContain("plain http");
      expect(s.other.requests).toHaveLength(0);
      expectNoSecrets(err, o.secrets);

      const { data } = await o.get.call(o.client(HTTPS_API, { fetch: proxy, allowInsecureHttp: true }));
      expect(data).toEqual({ from: "other" });
      expectNothingReached(s.other, o.secrets);
    });

    it("to plain http on a host that is not loopback: a RedirectError before anything is sent", async () => {
      const s = await origins((_req, res) => redirect(res, 302, "http://storage.example/report.bin"));
      const err = await o.get.call(o.client(s.api.baseUrl, {})).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RedirectError);
      expect(err).toMatchObject({ operation: o.get.operation, status: 302 });
    });

    it("too many hops: a RedirectError after 5 redirects, never a hang", async () => {
      const s = await origins((req, res) => redirect(res, 302, `/loop/${calls(s.api).length}`));
      const err = await o.get.call(o.client(s.api.baseUrl, {})).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RedirectError);
      expect(err).toMatchObject({ operation: o.get.operation, status: 302 });
      expect(String(err)).toContain("more than 5 redirects");
      expect(calls(s.api)).toHaveLength(6);
    });

    if (o.token) {
      const token = o.token;
      it("a token request redirected to another origin (307, query kept): refused with a RedirectError (cause: the token request); nothing reaches the other origin", async () => {
        // Every request (the token request first) goes to the other origin, query and body kept.
        const s = await origins((req, res, other) => redirect(res, 307, `${other}${req.url}`), undefined, true);
        const err = await o.get.call(o.client(s.api.baseUrl, {})).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RedirectError);
        // The call that needed the token fails with the token request's error as its cause.
        expect(err).toMatchObject({ operation: o.get.operation, status: 307, cause: { operation: token.operation, status: 307 } });
        expect(String(err)).toContain(`credentials would leave their origin: ${s.other.baseUrl}/`);
        expect(s.api.requests).toHaveLength(1);
        expect(s.other.requests).toHaveLength(0);
        expectNoSecrets(err, o.secrets);
      });
    }

    it("a user fetch that follows redirects itself, forwarding every header, but honours redirect: manual: nothing leaks", async () => {
      const s = await origins((req, res, other) => redirect(res, 302, `${other}/storage/report.bin`));
      const { data } = await o.get.call(o.client(s.api.baseUrl, { fetch: naiveFetch }));
      expect(data).toEqual({ from: "other" });
      expect(s.other.requests).toHaveLength(1);
      expectNothingReached(s.other, o.secrets);

      const posted = await origins((req, res, other) => redirect(res, 307, `${other}/upload`));
      await o.post.call(o.client(posted.api.baseUrl, { fetch: naiveFetch })).catch((e: unknown) => expect(o.post.bodyIsCredential && e).toBeInstanceOf(RedirectError));
      expect(posted.other.requests.map((r) => r.method)).toEqual(o.post.bodyIsCredential ? [] : ["POST"]);
      expectNothingReached(posted.other, o.secrets);
    });

    it("the other origin wants credentials: its 401 is an AuthenticationError naming the operation", async () => {
      const s = await origins(
        (req, res, other) => redirect(res, 302, `${other}/private/report.bin`),
        (_req, res) => json(res, 401, { message: "credentials required" }),
      );
      const err = await o.get.call(o.client(s.api.baseUrl, {})).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthenticationError);
      expect(err).toMatchObject({ operation: o.get.operation, status: 401, url: `${s.other.baseUrl}/private/report.bin` });
      expect(s.other.requests).toHaveLength(1);
      expectNothingReached(s.other, o.secrets);
      expectNoSecrets(err, o.secrets);
    });
  });
}
