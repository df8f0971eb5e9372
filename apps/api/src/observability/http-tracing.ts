/**
 * One SERVER span per HTTP request, from Fastify hooks rather than `@opentelemetry/instrumentation-http`:
 * that one patches `node:http` through require hooks, which Jest's module registry bypasses (the
 * e2e tests would trace nothing), and it must load before everything else. The hooks work the same
 * everywhere. The span continues a caller's W3C `traceparent` and is active while the handler runs,
 * so the Temporal client span (TemporalGateway) and the workflow join the request's trace.
 * Attributes: method, route pattern and status; never the raw path, query, headers or body.
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { routePattern } from './request-hooks';

export function registerHttpTracing(fastify: FastifyInstance): void {
  const tracer = trace.getTracer('df-onboarding-http');
  const contexts = new WeakMap<FastifyRequest, Context>();

  fastify.addHook('onRequest', (request, _reply, done) => {
    const route = routePattern(request);
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'http.route': route },
      },
      parent,
    );
    contexts.set(request, trace.setSpan(parent, span));
    done();
  });

  // Entered after the body is read: stream callbacks would not carry the context of onRequest.
  fastify.addHook('preHandler', (request, _reply, done) => {
    const active = contexts.get(request);
    if (active) context.with(active, done);
    else done();
  });

  const end = (request: FastifyRequest, status?: number): void => {
    const span = trace.getSpan(contexts.get(request) ?? ROOT_CONTEXT);
    contexts.delete(request);
    if (!span) return;
    if (status === undefined) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'client closed the request' });
    } else {
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  };
  fastify.addHook('onResponse', (request, reply, done) => {
    end(request, reply.statusCode);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    end(request);
    done();
  });
}
