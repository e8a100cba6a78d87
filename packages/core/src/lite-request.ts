/**
 * The request openapi-fetch builds for a call that goes out through the global `fetch` with no
 * middleware in between (`Request` option of openapi-fetch): the URL and init it would have given
 * `new Request(...)`, sent as `fetch(url, init)`. A real `Request` costs a second full copy inside
 * `fetch` (undici clones it with the new signal); this way `fetch` builds the only one, as a raw
 * `fetch(url, init)` call does. It carries what the transport and openapi-fetch read: `url`, `method`,
 * `headers` (the credentials go there), `body`, the caller's `signal`, `clone()`.
 */
export class LiteRequest {
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
  readonly signal: AbortSignal | undefined;

  constructor(
    readonly url: string,
    private readonly init: RequestInit = {},
  ) {
    try {
      new URL(url); // invalid URLs fail here, as in `new Request`
    } catch (cause) {
      throw new TypeError(`Failed to parse URL from ${url}`, { cause });
    }
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? undefined;
  }

  /** A copy whose headers can change independently (string, form and blob bodies can be sent again). */
  clone(): LiteRequest {
    return new LiteRequest(this.url, { ...this.init, headers: new Headers(this.headers) });
  }

  /** A body that can be read only once needs a real `Request` (whose `clone()` tees the stream). */
  get streaming(): boolean {
    return typeof ReadableStream !== "undefined" && this.body instanceof ReadableStream;
  }

  toRequest(): Request {
    return new Request(this.url, { ...this.init, headers: this.headers });
  }

  send(signal: AbortSignal | undefined): Promise<Response> {
    return globalThis.fetch(this.url, signal ? { ...this.init, headers: this.headers, signal } : { ...this.init, headers: this.headers });
  }
}
