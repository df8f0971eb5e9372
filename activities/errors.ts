/** Named activity errors. Workflows list the non-retryable ones in their retry policies. */
import { ApplicationFailure } from '@temporalio/activity';

export const NOT_FOUND = 'NotFound';

export function notFound(what: string, id: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`${what} ${id} not found`, NOT_FOUND);
}
