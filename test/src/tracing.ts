import type { Tracer } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";

/** A finished span as plain data: what an exporter would send. */
export interface SpanRecord {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  status: { code: number; message?: string };
}

const record = (s: ReadableSpan): SpanRecord => ({
  name: s.name,
  kind: s.kind,
  traceId: s.spanContext().traceId,
  spanId: s.spanContext().spanId,
  parentSpanId: s.parentSpanContext?.spanId,
  attributes: { ...s.attributes },
  events: s.events.map((e) => ({ name: e.name, attributes: { ...e.attributes } })),
  status: { ...s.status },
});

/**
 * A tracer of the real OpenTelemetry SDK (`BasicTracerProvider`) whose finished spans stay in memory:
 * `spans()` lists them as plain records, `text()` is everything they say (names, attributes, events,
 * status messages), for the no-credential checks.
 */
export function memoryTracer(): { tracer: Tracer; spans: () => SpanRecord[]; text: () => string } {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const spans = () => exporter.getFinishedSpans().map(record);
  return { tracer: provider.getTracer("specyard-test"), spans, text: () => JSON.stringify(spans()) };
}
