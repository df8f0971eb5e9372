import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import Fastify from 'fastify';
import { registerHttpTracing } from './http-tracing';

const exporter = new InMemorySpanExporter();
new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();

function build() {
  const fastify = Fastify();
  registerHttpTracing(fastify);
  // The handler sees the server span as active (what the Temporal client interceptor reads).
  fastify.post('/v1/onboardings/:id/pause', async (request) => {
    await new Promise((resolve) => setImmediate(resolve));
    return { active: trace.getActiveSpan()?.spanContext().spanId ?? null, body: request.body };
  });
  fastify.get('/boom', () => {
    throw new Error('kodjo.mensah@example.tg');
  });
  return fastify;
}

beforeEach(() => exporter.reset());

describe('HTTP server spans', () => {
  it('continues a traceparent, is active in the handler after the body, and keeps only the route', async () => {
    const fastify = build();
    const res = await fastify.inject({
      method: 'POST',
      url: '/v1/onboardings/3f0c/pause?email=kodjo.mensah@example.tg',
      headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      payload: { reason: 'congé' },
    });
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('POST /v1/onboardings/:id/pause');
    expect(span.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(span.parentSpanId).toBe('b7ad6b7169203331');
    expect(res.json()).toEqual({ active: span.spanContext().spanId, body: { reason: 'congé' } });
    expect(span.attributes).toEqual({
      'http.request.method': 'POST',
      'http.route': '/v1/onboardings/:id/pause',
      'http.response.status_code': 200,
    });
    await fastify.close();
  });

  it('marks a 5xx as an error without its message', async () => {
    const fastify = build();
    expect((await fastify.inject({ method: 'GET', url: '/boom' })).statusCode).toBe(500);
    const [span] = exporter.getFinishedSpans();
    expect(span.status.code).toBe(2); // ERROR
    expect(JSON.stringify([span.attributes, span.events, span.status])).not.toContain('kodjo');
    await fastify.close();
  });
});
