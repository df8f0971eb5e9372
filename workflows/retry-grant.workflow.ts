/**
 * IT retries a grant whose connector failed for good (the journey then opened a manual IT task):
 * a short workflow around the same idempotent grantAccess activity, so only the worker, which
 * holds the connector secrets, calls the target system. On success the API completes the manual
 * task with the connector's reference through the journey's own completeTask Update, so the run
 * records the grant (and can revoke it) exactly as if IT had confirmed it by hand. Kept apart from
 * the journey: its history is unchanged. See docs/connectors.md ("Retrying a failed grant").
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { GrantResult } from '../activities/provisioning.activities';
import type { RetryGrantInput } from './definitions';

/** A person waits on the answer: a few quick attempts, a refusal answers at once. */
const { grantAccess } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    maximumAttempts: 3,
    nonRetryableErrorTypes: ['ProvisioningRejected', 'NotFound'],
  },
});

export async function retryAccessGrant(input: RetryGrantInput): Promise<GrantResult> {
  return grantAccess(input);
}
