/**
 * OpenTelemetry spans for the `tracer` option: one CLIENT span per call, with what the runtime did inside
 * it (rate-limiter waits, retries, redirects, a store outage) as events and a token exchange as a child
 * span; `paginate()` gets a span over its pages. Only a client built with a `tracer` runs any of this, and
 * loads it (`import()`): bundlers put it in a chunk of its own, so bundles that do not trace stay as small.
 *
 * Nothing here needs `@opentelemetry/api` (an optional peer dependency), at run time or for its types: the
 * part of its `Tracer` the runtime calls is declared below (any OpenTelemetry 1.x tracer is one, and
 * users who do not trace need not install it), its two enum values used are written out, and a parent
 * span is handed to `startSpan` in a small `Context` of our own.
 *
 * Nothing recorded holds a credential: URLs go through `redactUrl`, texts through `Secrets.redact`, and
 * no header is ever recorded.
 */
import type { Page, PageIterator } from "./paginate.js";
import { redactUrl, type Secrets } from "./redact.js";
import type { Slot } from "./shared.js";

/** Span attributes, as @opentelemetry/api's `Attributes` (the runtime records scalars only). */
export type Attributes = Record<string, string | number | boolean | undefined>;

/** The part of @opentelemetry/api's `Span` the runtime calls. */
export interface Span {
  setAttribute(key: string, value: string | number | boolean): this;
  setAttributes(attributes: Attributes): this;
  addEvent(name: string, attributes?: Attributes): this;
  setStatus(status: { code: number; message?: string }): this;
  end(): void;
}

/** @opentelemetry/api's `Context`: immutable values by key. */
export interface Context {
  getValue(key: symbol): unknown;
  setValue(key: symbol, value: unknown): Context;
  deleteValue(key: symbol): Context;
}

/** The part of @opentelemetry/api's `Tracer` the runtime calls: `trace.getTracer("my-app")` is one. */
export interface Tracer {
  startSpan(name: string, options?: { kind?: number; attributes?: Attributes }, context?: Context): Span;
}

/** `SpanKind.CLIENT` and `SpanStatusCode.ERROR` of @opentelemetry/api 1.x. */
const SPAN_KIND_CLIENT = 2;
const STATUS_ERROR = 2;
/** The key @opentelemetry/api 1.x keeps a context's span under (its `createContextKey` is `Symbol.for`). */
const SPAN_KEY = Symbol.for("OpenTelemetry Context Key SPAN");

/** A context whose only value is `span`: makes spans started with it `span`'s children. */
function contextOf(values: Map<symbol, unknown>): Context {
  return {
    getValue: (key) => values.get(key),
    setValue: (key, value) => contextOf(new Map(values).set(key, value)),
    deleteValue: (key) => {
      const rest = new Map(values);
      rest.delete(key);
      return contextOf(rest);
    },
  };
}
const parentContext = (span: Span | undefined) => span && contextOf(new Map([[SPAN_KEY, span]]));

/** What a client's tracing knows besides the tracer. */
export interface TracingOptions {
  /** `specyard.vendor`. */
  vendor?: string;
  secrets: Secrets;
  /** operationId by `METHOD /path` (a vendor package's generated table), for `specyard.operation`. */
  operationIds?: Promise<Record<string, string>>;
}

/** What a traced call records while the transport runs it. */
export class CallTrace {
  /** Retries, redirects and the renewal after a 401: `http.request.resend_count`. */
  resends = 0;

  constructor(
    readonly span: Span,
    readonly tracing: Tracing,
  ) {}

  /** The request as it goes out: `url.full` (credential-like query values and the call's `secrets` masked), `server.address`, `server.port`. */
  sent(request: { url: string }, secrets = this.tracing.secrets): this {
    const url = new URL(request.url);
    this.span.setAttributes({
      "url.full": redactUrl(request.url, secrets),
      "server.address": url.hostname,
      "server.port": Number(url.port) || (url.protocol === "https:" ? 443 : 80),
    });
    return this;
  }

  /** A slot from `limiter`, with the wait (when there was one) and a store outage as events. */
  async acquire(limiter: { acquire(signal?: AbortSignal, maxWaitMs?: number): Promise<Slot> }, signal?: AbortSignal, maxWaitMs?: number): Promise<Slot> {
    const start = performance.now();
    const slot = await limiter.acquire(signal, maxWaitMs);
    const waitMs = Math.round(performance.now() - start);
    if (waitMs > 0) this.span.addEvent("specyard.rate_limit.wait", { "specyard.wait_ms": waitMs });
    if (slot.storeUnavailable) this.span.addEvent("specyard.store.fallback");
    return slot;
  }

  /** A retry after `waitMs`; `reason`: the answer's status, or the network error. */
  retry(reason: string, waitMs: number): void {
    this.resends++;
    this.span.addEvent("specyard.retry", { "specyard.retry.reason": this.tracing.secrets.redact(reason), "specyard.wait_ms": Math.round(waitMs) });
  }

  /** A redirect followed to `to`, with or without the credentials. */
  redirect(status: number, to: URL, credentialsDropped: boolean): void {
    this.resends++;
    this.span.addEvent("specyard.redirect", {
      "http.response.status_code": status,
      "specyard.redirect.origin": to.origin,
      "specyard.redirect.credentials_dropped": credentialsDropped,
    });
  }

  /** The one resend with new credentials after a 401. */
  renewal(): void {
    this.resends++;
    this.span.addEvent("specyard.credentials.renewal");
  }

  /** `ctx` whose token requests are child spans of this call. */
  auth<Context extends { send: (request: Request, operation: string, trace?: CallTrace) => Promise<Response> }>(ctx: Context): Context {
    return {
      ...ctx,
      send: async (request, operation) => {
        const traced = await this.tracing.call(operation, async (t) => ({ response: await ctx.send(request, operation, t.sent(request)) }), this.span);
        return traced.response;
      },
    };
  }
}

export type Tracing = ReturnType<typeof traceCalls>;

/** The spans of one client's calls (`tracer` option). */
export function traceCalls(tracer: Tracer, { vendor, secrets, operationIds }: TracingOptions) {
  // A table that fails to load (a chunk missing from a deployment) costs the attribute, never the call.
  const ids = operationIds?.catch(() => undefined);
  /** A span `name` for `operation` (`METHOD /path/{template}`), child of `parent` or of the active context. */
  const start = async (name: string, operation: string, kind?: number, parent?: Span) => {
    const [method = "", template = ""] = operation.split(" ");
    const attributes: Attributes = { "http.request.method": method, "url.template": template, "specyard.vendor": vendor, "specyard.operation": (await ids)?.[operation] };
    return tracer.startSpan(name, { kind, attributes }, parentContext(parent));
  };

  /** Marks `span` failed: `error.type` is the status of an error answer, else the error's name. */
  const failed = (span: Span, status: number | undefined, error?: unknown) => {
    const message = error instanceof Error ? secrets.redact(error.message) : undefined;
    span.setAttribute("error.type", status && status >= 400 ? String(status) : ((error as Error | undefined)?.name ?? "_OTHER"));
    span.setStatus({ code: STATUS_ERROR, message });
  };

  const tracing = {
    secrets,

    /** Runs one call (`run`, given the call's trace) inside its CLIENT span. */
    async call<T extends { response: Response }>(operation: string, run: (trace: CallTrace) => Promise<T>, parent?: Span): Promise<T> {
      const span = await start(operation, operation, SPAN_KIND_CLIENT, parent);
      const trace = new CallTrace(span, tracing);
      try {
        const result = await run(trace);
        const status = result.response.status;
        span.setAttribute("http.response.status_code", status);
        if (status >= 400) failed(span, status);
        return result;
      } catch (e) {
        const status = (e as { status?: unknown } | null)?.status;
        if (typeof status === "number") span.setAttribute("http.response.status_code", status);
        failed(span, typeof status === "number" ? status : undefined, e);
        throw e;
      } finally {
        if (trace.resends) span.setAttribute("http.request.resend_count", trace.resends);
        span.end();
      }
    },

    /** The pages of `list(span)` inside one span over the walk, an event per page; `list` makes `span` the parent of its page calls. */
    async *pages<T>(path: string, list: (parent?: Span) => PageIterator<T>): AsyncGenerator<Page<T>, void, undefined> {
      const span = await start(`paginate GET ${path}`, `GET ${path}`);
      try {
        for await (const page of list(span).pages()) {
          span.addEvent("specyard.page", { "specyard.page.number": page.number, "specyard.page.items": page.items.length });
          yield page;
        }
      } catch (e) {
        failed(span, undefined, e);
        throw e;
      } finally {
        span.end();
      }
    },
  };
  return tracing;
}
