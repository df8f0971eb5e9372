/** Shared by connectors: a deadline on every external call and the retryable/permanent split. */
import { ApplicationFailure } from '@temporalio/activity';
import { provisioningUnavailable } from '../provisioning.activities';

/** Rejects with a retryable ProvisioningUnavailable when `work` takes longer than `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(provisioningUnavailable(`${what}: timed out after ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Leaves classified failures as they are; anything else (network, timeouts, unexpected answers)
 * becomes retryable: the workflow's retry policy bounds the attempts, then IT takes over.
 */
export function classified(err: unknown, what: string): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  const message = err instanceof Error ? err.message : String(err);
  return provisioningUnavailable(`${what}: ${message}`, err);
}
