/**
 * On-demand reconciliation of one run's access (POST /v1/onboardings/:id/access/verify): a short
 * workflow around the verifyRunAccess activity, so that only the worker — which holds the
 * connector secrets — ever talks to the target systems. Being separate from the journey, it also
 * works for completed or cancelled runs (an account that outlived its run is drift too) and keeps
 * the journey's history free of on-demand checks. See docs/connectors.md ("Reconciliation").
 */
import type { AccessReport, VerifyAccessInput } from './definitions';
import { verification } from './journey/activities';

export async function verifyOnboardingAccess(input: VerifyAccessInput): Promise<AccessReport> {
  return verification.verifyRunAccess(input);
}
