/**
 * Test-only workflow: one grant through the real grantAccess activity, with a short start-to-close
 * timeout so that an attempt lost with its worker (kill -9) is retried within seconds.
 */
import { proxyActivities } from '@temporalio/workflow';
import type {
  createProvisioningActivities,
  GrantRequest,
  GrantResult,
} from '../../../activities/provisioning.activities';

const { grantAccess } = proxyActivities<ReturnType<typeof createProvisioningActivities>>({
  startToCloseTimeout: '4 seconds',
  retry: { initialInterval: '100 milliseconds', backoffCoefficient: 1, maximumAttempts: 4 },
});

export async function grantOnce(req: GrantRequest): Promise<GrantResult> {
  return grantAccess(req);
}
