/**
 * Access provisioning, one grant at a time per step and all steps in parallel: wait for gates,
 * ask approval when the plan says so, provision through the connector, fall back to a manual
 * IT task (plus an escalation) when the connector fails for good. Never a stuck run.
 */
import { ActivityFailure, CancelledFailure, condition } from '@temporalio/workflow';
import type { ScheduledStep } from '../definitions';
import { acts, provisioning } from './activities';
import type { Journey } from './journey';
import { runTask } from './tasks';

export async function provisionAccess(j: Journey, step: ScheduledStep): Promise<void> {
  const grant = step.grant!;
  await j.until(step.opensAt);
  await j.whilePaused();

  if (grant.requiresApproval) {
    await j.setStep(step, 'AWAITING_APPROVAL');
    const decision = await runTask(j, {
      key: `${step.id}:approval`,
      step,
      kind: 'APPROVE_ACCESS',
      assignee: 'TECH_LEAD',
    });
    if (!decision.payload.approve) {
      await j.setStep(step, 'REJECTED', {
        reason: decision.payload.reason,
        by: decision.completedBy,
      });
      return;
    }
  }
  await j.setStep(step, 'IN_PROGRESS');
  j.granted.push(step); // registered before the call: revoking something absent is a success
  let externalRef: string | undefined;
  try {
    const result = await sendGrant(j, step);
    externalRef = result.externalRef;
    if (result.mode === 'MANUAL') externalRef = await manualGrant(j, step);
  } catch (err) {
    if (!isProvisioningFailure(err)) throw err;
    await acts.notifyRun({
      runId: j.runId,
      template: 'provisioning-failed',
      to: ['IT', 'HEAD_OF_DF'],
      key: `${step.id}:failed`,
      stepId: step.id,
    });
    externalRef = await manualGrant(j, step);
  }
  await acts.recordGrant({
    runId: j.runId,
    stepId: step.id,
    system: grant.system,
    scope: grant.scope,
    externalRef: externalRef ?? null,
  });
  await j.setStep(step, 'DONE', { externalRef });
}

/** Counted while in flight: compensation must not revoke a grant the system has yet to apply. */
async function sendGrant(j: Journey, step: ScheduledStep) {
  j.grantsInFlight += 1;
  try {
    return await provisioning.grantAccess({
      runId: j.runId,
      stepId: step.id,
      system: step.grant!.system,
      scope: step.grant!.scope,
    });
  } finally {
    j.grantsInFlight -= 1;
  }
}

async function manualGrant(j: Journey, step: ScheduledStep): Promise<string | undefined> {
  const done = await runTask(j, {
    key: `${step.id}:provision`,
    step,
    kind: 'PROVISION_ACCESS',
    assignee: 'IT',
  });
  return done.payload.externalRef;
}

/** Non-retryable errors and exhausted retries both fall back to IT; cancellation does not. */
function isProvisioningFailure(err: unknown): boolean {
  return err instanceof ActivityFailure && !(err.cause instanceof CancelledFailure);
}

/**
 * Compensation: revoke every grant sent, most recent first, once the grants still in flight have
 * returned (a revoke that overtakes its grant would leave the access in place). The leaving
 * journey revokes through this same path; `force` revokes again what verification still found.
 */
export async function revokeAll(j: Journey, force = false): Promise<void> {
  await condition(() => j.grantsInFlight === 0);
  for (const step of [...j.granted].reverse()) {
    await provisioning.revokeAccess({
      runId: j.runId,
      stepId: step.id,
      system: step.grant!.system,
      ...(force ? { force } : {}),
    });
    await j.setStep(step, 'REVOKED');
    // IT removes by hand what was created by hand (manual connector), and checks the rest.
    await acts.notifyRun({
      runId: j.runId,
      template: 'access-revoked',
      to: ['IT'],
      key: `${step.id}:revoked`,
      stepId: step.id,
    });
  }
}
