/** OpenAPI: the problem+json answers of an operation, one line per status. */
import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const COMMON: Record<number, string> = {
  401: 'No valid bearer token (problem+json)',
  403: 'The caller has none of the roles listed in the summary (problem+json)',
  503: 'PostgreSQL or Temporal unavailable (problem+json)',
};

export const ApiProblems = (specific: Record<number, string>) =>
  applyDecorators(
    ...Object.entries({ ...COMMON, ...specific }).map(([status, description]) =>
      ApiResponse({ status: Number(status), description }),
    ),
  );
