/**
 * Errors Fastify's router raises before any route, hook or Nest filter runs: a URL that does not
 * decode (FST_ERR_BAD_URL) and a path segment longer than the router's limit of 100 characters
 * (FST_ERR_MAX_PARAM_LENGTH, Fastify's own answer a plain-JSON 414). No id or plan key is that
 * long, so both are a malformed request: 400 problem+json like any other (found by the fuzzing
 * drill: the 414 was neither documented nor a problem).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from '../observability/request-id';
import { PROBLEM_CONTENT_TYPE, ProblemType } from './problem';

const DETAIL: Record<string, string> = {
  FST_ERR_MAX_PARAM_LENGTH: 'A path segment is longer than 100 characters',
  FST_ERR_BAD_URL: 'The URL does not decode',
};

export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  void reply
    .status(400)
    .header(REQUEST_ID_HEADER, request.id)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({
      type: ProblemType.MALFORMED_REQUEST,
      title: 'Malformed request',
      status: 400,
      detail: DETAIL[error.code] ?? 'The request cannot be routed',
      instance: request.url.split('?')[0].slice(0, 200),
    });
}
