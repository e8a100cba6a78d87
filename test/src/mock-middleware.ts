// openapi-fetch middleware for usage tests against Prism (structurally typed: no openapi-fetch dependency here).

type RequestHook = { onRequest(options: { request: Request }): Request | undefined };

/** Asks Prism for `status` (`Prefer: code=<status>`) on every call whose path does not start with `except`. */
export function preferStatus(status: number, except?: string): RequestHook {
  return {
    onRequest: ({ request }) => {
      if (except === undefined || !new URL(request.url).pathname.startsWith(except)) request.headers.set("Prefer", `code=${status}`);
      return request;
    },
  };
}

/** Appends `METHOD /path?query` (query decoded) of every call to `calls`. */
export function recordCalls(calls: string[]): RequestHook {
  return {
    onRequest: ({ request }) => {
      const url = new URL(request.url);
      calls.push(`${request.method} ${url.pathname}${decodeURIComponent(url.search)}`);
      return undefined;
    },
  };
}
