/**
 * Route parameters, in one place: the pipes that check them (a bad one answers 400
 * problem+json naming it) and the OpenAPI decorators that state the same contract, so clients
 * and fuzzers (npm run drills -- fuzz) send well-formed ids.
 */
import { ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ProblemException } from './problem';

/** Plan ids (keys, steps, documents): kebab-case, at most 64 characters. */
export const PLAN_ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
export const PLAN_ID_MAX_LENGTH = 64;
const KEBAB = new RegExp(PLAN_ID_PATTERN);

export const uuidParam = (name: string): ParseUUIDPipe =>
  new ParseUUIDPipe({
    exceptionFactory: () => ProblemException.validation([{ name, reason: 'must be a UUID' }]),
  });

/** The `:id` of a run: a UUID, else a 400 problem naming `id`. */
export const runId = uuidParam('id');

/** Plan ids (steps, documents) are kebab-case: anything else cannot name one. */
export const planIdParam = (name: string): PipeTransform<string, string> => ({
  transform(value: string): string {
    if (value.length > PLAN_ID_MAX_LENGTH || !KEBAB.test(value)) {
      throw ProblemException.validation([{ name, reason: 'must be a kebab-case plan id' }]);
    }
    return value;
  },
});

/** A UUID path parameter; anything else answers 400 problem+json naming it. */
export const ApiUuidParam = (name: string, description?: string): MethodDecorator =>
  ApiParam({
    name,
    required: true,
    description: `${description ?? name} (UUID; anything else answers 400 problem+json)`,
    schema: { type: 'string', format: 'uuid' },
  });

/** A plan id path parameter (kebab-case, 1–64 characters); anything else answers 400. */
export const ApiPlanIdParam = (name: string, description?: string): MethodDecorator =>
  ApiParam({
    name,
    required: true,
    description: `${description ?? name} (kebab-case plan id; anything else answers 400)`,
    schema: {
      type: 'string',
      pattern: PLAN_ID_PATTERN,
      minLength: 1,
      maxLength: PLAN_ID_MAX_LENGTH,
    },
  });
