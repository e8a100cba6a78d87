// The same smoke flow on every runtime: for each vendor package, a token exchange and a GET, paginate,
// a 429 waited out, a typed 404, an abort, a call traced with the OpenTelemetry SDK and a call checked by the precompiled `./validate` validators. It imports the packages as a user does, so it runs
// against the installed tarballs. Each step reports { vendor, step, ok, detail }.
import { NotFoundError, createEndreClient } from "@specyard/endre";
import { create12BuildClient } from "@specyard/12build";
import { createBlikkClient } from "@specyard/blikk";
import { createSimploClient } from "@specyard/simplo";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { responses as endreResponses } from "@specyard/endre/validate";
import { responses as twelveBuildResponses } from "@specyard/12build/validate";
import { responses as blikkResponses } from "@specyard/blikk/validate";
import { responses as simploResponses } from "@specyard/simplo/validate";

const CLIENTS = {
  endre: (o) => createEndreClient({ ...o, username: "smoke@example.com", password: "smoke-Pass-123" }),
  "12build": (o) => create12BuildClient({ ...o, login: "smoke", apiKey: "smoke-api-key-123" }),
  blikk: (o) => createBlikkClient({ ...o, appId: "smoke-app", appSecret: "smoke-secret-123" }),
  simplo: (o) => createSimploClient({ ...o, token: "tok-simplo-e4b0" }),
};
const PATHS = {
  endre: { list: "/v1/projects", detail: "/v1/projects/{project_id}", param: "project_id", id: (x) => x.Id },
  "12build": { list: "/project/list", detail: "/project/{projectId}", param: "projectId", id: (x) => x.id },
  blikk: { list: "/v1/Core/Contacts", detail: "/v1/Core/Contacts/{id}", param: "id", id: (x) => x.id },
  simplo: { list: "/api/v0/projects", detail: "/api/v0/projects/{project_id}", param: "project_id", id: (x) => x.id },
};
const RESPONSES = { endre: endreResponses, "12build": twelveBuildResponses, blikk: blikkResponses, simplo: simploResponses };
const PAGE_SIZE = { "12build": "pageSize", blikk: "pageSize", simplo: "per_page" };

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function vendorSmoke(vendor, origin, run) {
  const baseUrl = `${origin}/${vendor}`;
  const client = CLIENTS[vendor]({ baseUrl, retry: { maxAttempts: 3 } });
  const { list, detail, param, id } = PATHS[vendor];
  const at = (value) => ({ params: { path: { [param]: value } } });
  const steps = {
    "token and GET": async () => {
      const { data, error, response } = await client.GET(detail, at(2));
      check(!error && response.status === 200, `status ${response.status}`);
      check(id(data) === 2, `body ${JSON.stringify(data)}`);
    },
    paginate: async () => {
      if (!PAGE_SIZE[vendor]) {
        const { data } = await client.GET(list);
        check(Array.isArray(data) && data.length === 5, `list ${JSON.stringify(data)}`);
        return "no pagination in this API: plain list read";
      }
      const ids = [];
      for await (const item of client.paginate(list, { params: { query: { [PAGE_SIZE[vendor]]: 2 } } })) ids.push(id(item));
      check(ids.join() === "1,2,3,4,5", `items ${ids.join()}`);
    },
    "429 waited out": async () => {
      const t0 = Date.now();
      const { data, response } = await client.GET(detail, at(4290 + run));
      const ms = Date.now() - t0;
      check(response.status === 200 && id(data) === 4290 + run, `status ${response.status}`);
      check(ms >= 900, `answered after ${ms} ms, before Retry-After`);
      return `${ms} ms`;
    },
    "typed 404": async () => {
      const throwing = CLIENTS[vendor]({ baseUrl, throwOnError: true });
      try {
        await throwing.GET(detail, at(404));
      } catch (e) {
        check(e instanceof NotFoundError, `got ${e?.name}: ${e?.message}`);
        check(e.status === 404 && e.message.includes(detail), `message ${e.message}`);
        return e.name;
      }
      throw new Error("no error thrown");
    },
    // No schema is compiled here (workerd forbids `new Function`): the validators are generated code.
    "validated call": async () => {
      const drifts = [];
      const validated = CLIENTS[vendor]({ baseUrl, validate: { responses: RESPONSES[vendor], onDrift: (d) => drifts.push(d) } });
      const { data, response } = await validated.GET(detail, at(2));
      check(response.status === 200 && id(data) === 2, `status ${response.status}`);
      const expected = RESPONSES[vendor].check(`GET ${detail}`, 200, data);
      check(JSON.stringify(drifts) === JSON.stringify(expected ? [expected] : []), `drifts ${JSON.stringify(drifts)}, expected ${JSON.stringify(expected)}`);
      return expected ? `drift reported: ${expected.problems.length} problems` : "conforms";
    },
    abort: async () => {
      const ac = new AbortController();
      const t0 = Date.now();
      setTimeout(() => ac.abort(), 100);
      try {
        await client.GET(detail, { ...at("slow"), signal: ac.signal });
      } catch (e) {
        const ms = Date.now() - t0;
        check(e?.name === "AbortError", `got ${e?.name}: ${e?.message}`);
        check(ms < 2000, `aborted after ${ms} ms`);
        return `${e.name} after ${ms} ms`;
      }
      throw new Error("the call was not aborted");
    },
    "traced call": async () => {
      const exporter = new InMemorySpanExporter();
      const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
      const traced = CLIENTS[vendor]({ baseUrl, tracer: provider.getTracer("smoke") });
      await traced.GET(detail, at(2));
      const spans = exporter.getFinishedSpans();
      const call = spans.find((s) => s.name === `GET ${detail}`);
      // SpanKind.CLIENT is 2; the operationId comes from the package's lazily loaded table.
      check(call?.kind === 2 && call.attributes["http.response.status_code"] === 200, `spans ${spans.map((s) => s.name).join(", ")}`);
      check(typeof call.attributes["specyard.operation"] === "string", `no specyard.operation on ${call.name}`);
      const children = spans.filter((s) => s.parentSpanContext?.spanId === call.spanContext().spanId);
      check(children.length === (vendor === "simplo" ? 0 : 1), `${children.length} token spans`);
      return `${spans.length} spans, ${call.attributes["specyard.operation"]}`;
    },
  };
  const results = [];
  for (const [step, fn] of Object.entries(steps)) {
    try {
      results.push({ vendor, step, ok: true, detail: (await fn()) ?? "" });
    } catch (e) {
      results.push({ vendor, step, ok: false, detail: `${e?.name ?? "Error"}: ${e?.message ?? e}` });
    }
  }
  return results;
}

/** Runs every vendor's flow (vendors side by side) against the server at `origin`. */
export async function smoke(origin, run = 0) {
  const all = await Promise.all(Object.keys(CLIENTS).map((v) => vendorSmoke(v, origin, run)));
  return all.flat();
}
