/**
 * The request openapi-fetch builds for a call that goes out through the global `fetch` with no
 * middleware in between (openapi-fetch's `Request` option): the URL and init it would have given
 * `new Request(...)`, sent as `fetch(url, init)`. A real `Request` costs a second full copy inside
 * `fetch` (undici clones it); this way `fetch` builds the only one, as a raw `fetch(url, init)` call
 * does. It has what the transport and openapi-fetch read: `url`, `method`, `headers` (the
 * credentials go there), `body`, the caller's `signal`, `clone()`.
 */
export class LiteRequest {
  declare readonly url: string;
  declare readonly method: string;
  declare readonly headers: Headers;
  declare readonly body: BodyInit | null;
  declare readonly signal: AbortSignal | undefined;
  readonly #init: RequestInit;

  constructor(url: string, init: RequestInit = {}) {
    new URL(url); // an invalid URL fails here, as in `new Request`
    this.#init = init;
    const { method = "GET", headers, body = null, signal } = init;
    Object.assign(this, { url, method: method.toUpperCase(), headers: headers instanceof Headers ? headers : new Headers(headers), body, signal: signal ?? undefined });
  }

  /** A copy with its own headers (string, form and blob bodies can be sent again; streams cannot). */
  clone(): LiteRequest {
    return new LiteRequest(this.url, { ...this.#init, headers: new Headers(this.headers) });
  }

  /** A read-once (stream) body needs a real `Request`, whose `clone()` tees it for a retry. */
  real(): Request | undefined {
    return this.body instanceof ReadableStream ? new Request(this.url, { ...this.#init, headers: this.headers }) : undefined;
  }

  /** The request a redirect asks for: same init, another URL (and the given method, headers, body). */
  to(url: string, init: RequestInit): LiteRequest {
    return new LiteRequest(url, { ...this.#init, ...init });
  }

  /** Sent with `redirect: "manual"`: the transport follows redirects itself (see transport.ts). */
  send(signal: AbortSignal | undefined): Promise<Response> {
    return fetch(this.url, { ...this.#init, headers: this.headers, signal, redirect: "manual" });
  }
}
