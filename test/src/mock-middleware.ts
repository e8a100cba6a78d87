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

/**
 * Rewrites the query parameters a spec marks `x-specyard-query: php-indexed` from the indexed form our
 * clients send (`ids[0]=1&ids[1]=2`) into the form the spec declares for other tools (`style: form`,
 * `ids=1&ids=2`), so that Prism, which knows no extension, checks them.
 */
export function declaredQueryForm(spec: Record<string, any>): RequestHook {
  const paths: Record<string, Record<string, any>> = spec.paths ?? {};
  const inOperations = Object.values(paths).flatMap((item) => Object.values(item).flatMap((op) => (Array.isArray(op?.parameters) ? op.parameters : [])));
  const parameters: { name?: unknown; "x-specyard-query"?: unknown }[] = [...Object.values(spec.components?.parameters ?? {}), ...inOperations];
  const names = new Set(parameters.filter((p) => p?.["x-specyard-query"] === "php-indexed").map((p) => String(p.name)));
  return {
    onRequest: ({ request }) => {
      const url = new URL(request.url);
      // Only the `name[i]=` keys change; the rest of the query keeps its bytes.
      url.search = url.search.replace(/([?&])([^=&[]+)\[\d+\]=/g, (key, at: string, name: string) => (names.has(name) ? `${at}${name}=` : key));
      return new Request(url, request);
    },
  };
}
