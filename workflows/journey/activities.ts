/** Activity proxies used by the journey, with their timeouts and retry policies. */
import { ActivityCancellationType, proxyActivities, type RetryPolicy } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { VerificationActivities } from '../../activities/access-verification.activities';
import type { DiscoveryActivities } from '../../activities/grant-discovery.activities';

const retry: RetryPolicy = {
  initialInterval: '2 seconds',
  backoffCoefficient: 2,
  maximumInterval: '10 minutes',
  nonRetryableErrorTypes: ['NotFound', 'InvalidPlan'],
};

/** Database projections and emails: short, retried until the dependency comes back. */
export const acts = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry });

/**
 * Provisioning: a grant already sent to a target system is waited for even when the run is
 * cancelled, so that compensation sees it and revokes it.
 */
export const provisioning = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: {
    ...retry,
    maximumAttempts: 8,
    nonRetryableErrorTypes: ['ProvisioningRejected', 'NotFound'],
  },
});

/**
 * Reconciliation: each connector call has its own deadline (10 s by default) and failures are
 * reported per grant, so a few attempts suffice; a checkpoint never waits long on it.
 */
export const verification = proxyActivities<VerificationActivities>({
  startToCloseTimeout: '3 minutes',
  retry: { ...retry, maximumAttempts: 3 },
});

/** Discovery of a person's access (no onboarding run): per-system failures are reported, not thrown. */
export const discovery = proxyActivities<DiscoveryActivities>({
  startToCloseTimeout: '3 minutes',
  retry: { ...retry, maximumAttempts: 3 },
});
