/**
 * The OpenTelemetry tracer provider both processes install when tracing is configured
 * (config/env.ts `tracing`; docs/operations.md "Traces"): spans are batched and exported by
 * OTLP over HTTP (JSON), after the masking the logs get (redact.ts) on every string attribute and
 * event. Installed once per process: the API and a worker in the same process (the tests) share it.
 * The one file of domain/ that does I/O, and only when an endpoint is set.
 */
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TracingConfig } from '../config/env';
import { redact } from './redact';

export interface Tracing {
  resource: Resource;
  /** Also fed with the workflows' spans (the worker's `exporter` sink). */
  processor: SpanProcessor;
  /** Exports what is buffered; call before the process stops. */
  flush: () => Promise<void>;
}

let installed: Tracing | undefined;

/** Installs the global provider on first call (context manager and W3C propagation included). */
export function installTracing(config: TracingConfig): Tracing {
  if (installed) return installed;
  const resource = new Resource({ 'service.name': config.serviceName });
  const exporter = new OTLPTraceExporter({ url: config.url, headers: config.headers });
  const processor = new BatchSpanProcessor(new RedactingExporter(exporter));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  installed = { resource, processor, flush: () => provider.forceFlush() };
  return installed;
}

type Attributes = ReadableSpan['attributes'];

function redactAttributes(attributes: Attributes): Attributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([k, v]) => [k, typeof v === 'string' ? redact(v) : v]),
  );
}

/** Masks emails and tokens in attributes and events (exception messages) before they leave. */
class RedactingExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    try {
      this.inner.export(spans.map(redactSpan), done);
    } catch (err) {
      done({ code: ExportResultCode.FAILED, error: err as Error });
    }
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

function redactSpan(span: ReadableSpan): ReadableSpan {
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanId: span.parentSpanId,
    startTime: span.startTime,
    endTime: span.endTime,
    status: span.status.message
      ? { ...span.status, message: redact(span.status.message) }
      : span.status,
    attributes: redactAttributes(span.attributes),
    links: span.links,
    events: span.events.map((event) => ({
      ...event,
      attributes: event.attributes && redactAttributes(event.attributes),
    })),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationLibrary: span.instrumentationLibrary,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}
