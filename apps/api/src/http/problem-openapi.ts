/**
 * OpenAPI: every error an operation can answer, with its body. The problem filter turns every
 * error into `application/problem+json` (docs/errors.md), so each operation documents the statuses
 * the whole pipeline can produce for it, all with the `Problem` schema: clients (and the fuzzing
 * drill's schema checks) then know what a 4xx/5xx body holds. Statuses a controller already
 * declares keep their description and get the schema; an error response that declares its own
 * content (the HTML action pages) is left as is.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';

type Json = Record<string, unknown>;

export const PROBLEM_SCHEMAS: Record<string, Json> = {
  InvalidParam: {
    type: 'object',
    required: ['name', 'reason'],
    properties: {
      name: { type: 'string', description: 'JSON path of the field, e.g. `techLead.email`' },
      reason: { type: 'string' },
    },
  },
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details; `type` is stable (docs/errors.md)',
    required: ['type', 'title', 'status'],
    properties: {
      type: { type: 'string', example: 'urn:df-onboarding:problem:validation' },
      title: { type: 'string' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string' },
      instance: { type: 'string' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/InvalidParam' } },
      code: { type: 'string', description: 'A finer reason for some 409/422 answers' },
    },
    // Extension members (`existing`, `run`, `retryAfter`, `dependency`, `allowedRange`, ...).
    additionalProperties: true,
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: a parameter or the body breaks a rule (problem+json, `errors`)',
  401: 'No valid bearer token (problem+json)',
  403: 'The caller has none of the roles allowed (problem+json)',
  404: 'No such resource, or one the caller may not see (problem+json)',
  413: 'Body larger than API_BODY_LIMIT_BYTES (problem+json)',
  415: 'Body in a content type the API does not parse (problem+json)',
  429: 'Too many mutations by this caller (problem+json, `Retry-After`)',
  500: 'A bug; the cause is logged with the request id (problem+json)',
  503: 'PostgreSQL or Temporal unavailable, or the instance is draining (problem+json)',
};

const MUTATIONS = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = new Set(['get', 'head', 'options', ...MUTATIONS]);

interface Operation {
  parameters?: { in: string }[];
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, { description?: string; content?: Json }>;
}

/** The error statuses the pipeline (guard, pipes, rate limit, filter) can give this operation. */
function statusesOf(method: string, op: Operation): number[] {
  const params = op.parameters ?? [];
  const statuses = [500, 503];
  if (params.length > 0 || op.requestBody) statuses.push(400);
  if ((op.security ?? []).length > 0) statuses.push(401, 403);
  if (params.some((p) => p.in === 'path')) statuses.push(404);
  if (op.requestBody) statuses.push(413, 415);
  if (MUTATIONS.has(method)) statuses.push(429);
  return statuses;
}

export function documentProblems(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...PROBLEM_SCHEMAS };
  const content = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
  for (const item of Object.values(document.paths)) {
    for (const [method, value] of Object.entries(item as Record<string, Operation>)) {
      if (!METHODS.has(method)) continue;
      const responses = (value.responses ??= {});
      for (const status of statusesOf(method, value)) {
        responses[String(status)] ??= { description: DESCRIPTIONS[status] ?? 'Problem' };
      }
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400 && !response.content) response.content = content;
      }
    }
  }
}
