/**
 * Turns every exception into RFC 9457 problem+json. Never a stack trace, never a 5xx for bad input.
 * Also receives errors raised in Fastify hooks (body limit, rate limit) through Nest's error handler.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemBody, ProblemException, ProblemType } from './problem';
import { isDependencyDown } from './dependency-errors';

const BY_STATUS: Record<number, { type: string; title: string }> = {
  400: { type: ProblemType.MALFORMED_REQUEST, title: 'Malformed request' },
  401: { type: ProblemType.UNAUTHENTICATED, title: 'Authentication required' },
  403: { type: ProblemType.FORBIDDEN, title: 'Forbidden' },
  404: { type: ProblemType.NOT_FOUND, title: 'Not found' },
  405: { type: ProblemType.METHOD_NOT_ALLOWED, title: 'Method not allowed' },
  409: { type: ProblemType.CONFLICT, title: 'Conflict' },
  413: { type: ProblemType.PAYLOAD_TOO_LARGE, title: 'Payload too large' },
  415: { type: ProblemType.UNSUPPORTED_MEDIA_TYPE, title: 'Unsupported media type' },
  422: { type: ProblemType.UNPROCESSABLE, title: 'Unprocessable request' },
  429: { type: ProblemType.RATE_LIMITED, title: 'Too many requests' },
};

/** Client errors raised by Fastify itself (bad JSON, too large, wrong content type) carry a statusCode. */
function fastifyClientError(err: unknown): { status: number; message: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { statusCode, message } = err as { statusCode?: unknown; message?: unknown };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, message: typeof message === 'string' ? message : '' };
  }
  return undefined;
}

export function toProblem(err: unknown): ProblemBody {
  if (err instanceof ProblemException) return err.problem;
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const known = BY_STATUS[status] ?? { type: ProblemType.INTERNAL, title: 'Error' };
    return { ...known, status, detail: err.message };
  }
  const client = fastifyClientError(err);
  if (client) {
    const known = BY_STATUS[client.status] ?? BY_STATUS[400];
    return { ...known, status: client.status, detail: client.message };
  }
  const dependency = isDependencyDown(err);
  if (dependency) return ProblemException.unavailable(dependency).problem;
  return {
    type: ProblemType.INTERNAL,
    title: 'Internal error',
    status: 500,
    detail: 'An unexpected error occurred',
  };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = { ...toProblem(exception), instance: request.url.split('?')[0] };
    if (problem.status >= 500) this.log(request, problem, exception);
    if (problem.status === 401) void reply.header('WWW-Authenticate', 'Bearer');
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  /** Outages are warnings (expected, self-healing); anything else is an error with its stack. */
  private log(request: FastifyRequest, problem: ProblemBody, exception: unknown): void {
    const cause = exception instanceof Error ? exception.message : String(exception);
    const line = `${request.method} ${problem.instance} -> ${problem.status} (request ${request.id}): ${cause}`;
    if (problem.type === ProblemType.INTERNAL) {
      this.logger.error(line, exception instanceof Error ? exception.stack : undefined);
    } else {
      this.logger.warn(line);
    }
  }
}
