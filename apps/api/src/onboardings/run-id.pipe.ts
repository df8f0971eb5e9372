import { ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from '../problem/problem';

/** The `:id` of a run: a UUID, else a 400 problem naming `id`. */
export const runId = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.validation([{ name: 'id', reason: 'must be a UUID' }]),
});
