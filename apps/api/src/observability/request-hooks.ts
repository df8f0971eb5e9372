/**
 * Per-request plumbing on the Fastify instance: echo X-Request-Id, one log line and one latency
 * observation per request; while the API drains, a 503 problem for new requests and
 * `Connection: close` on every answer.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { PROBLEM_CONTENT_TYPE, ProblemException } from '../http/problem';
import type { JsonLogger } from './json-logger';
import type { AppMetrics } from './metrics';
import { REQUEST_ID_HEADER } from './request-id';

/** Route pattern (`/v1/onboardings/:id`), never the raw path: bounded label values, no ids in logs. */
export function routePattern(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'UNMATCHED';
}

export function registerRequestHooks(
  fastify: FastifyInstance,
  logger: JsonLogger,
  metrics: Pick<AppMetrics, 'observeRequest'>,
): void {
  let draining = false;
  fastify.addHook('preClose', (done) => {
    draining = true;
    done();
  });

  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    if (!draining) return done();
    // In-flight requests finish; new ones on kept-alive connections are told to go elsewhere.
    const problem = ProblemException.shuttingDown().problem;
    void reply
      .status(problem.status)
      .header('connection', 'close')
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send({ ...problem, instance: request.url.split('?')[0] });
  });

  // A response finished while draining closes its connection; a kept-alive socket would
  // otherwise hold server.close() open until the keep-alive timeout (72 s).
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) void reply.header('connection', 'close');
    done(null, payload);
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const route = routePattern(request);
    const status = reply.statusCode;
    metrics.observeRequest(request.method, route, status, reply.elapsedTime / 1000);
    logger.write(status >= 500 ? 'warn' : 'info', 'request', {
      requestId: request.id,
      method: request.method,
      route,
      status,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      sub: (request as AuthenticatedRequest).principal?.sub,
    });
    done();
  });
}
