/**
 * Checkpoints 30/60/90: a timer to the day, a self-assessment for the hire and a review for the
 * tech lead, whose decision (an Update) approves, extends to a new date, or escalates to the head
 * of the Digital Factory, who then decides.
 */
import { ActivityFailure, patched } from '@temporalio/workflow';
import type { AccessReport, OwnerRole, ScheduledStep } from '../definitions';
import { acts, verification } from './activities';
import type { Journey } from './journey';
import { runTask } from './tasks';

export async function holdCheckpoint(j: Journey, planned: ScheduledStep): Promise<void> {
  let step = planned;
  let reviewer: OwnerRole = 'TECH_LEAD';
  for (let round = 1; ; round++) {
    await j.until(step.opensAt);
    await j.whilePaused();
    await j.setStep(step, 'IN_PROGRESS', { round });
    const context = patched(ACCESS_AT_CHECKPOINTS) ? await verifyAccess(j, step, round) : undefined;
    const [, review] = await Promise.all([
      round === 1 || reviewer === 'TECH_LEAD'
        ? runTask(j, {
            key: `${step.id}:self-assessment:${round}`,
            step,
            kind: 'SELF_ASSESSMENT',
            assignee: 'HIRE',
          })
        : Promise.resolve(undefined),
      runTask(j, {
        key: `${step.id}:review:${round}`,
        step,
        kind: 'REVIEW_CHECKPOINT',
        assignee: reviewer,
        context,
      }),
    ]);
    const { decision, newDate, notes } = review.payload;
    await acts.recordDecision({
      runId: j.runId,
      stepId: step.id,
      decision: decision!,
      newDate: newDate ?? null,
      notes: notes ?? null,
      actor: review.completedBy,
      round,
    });
    if (decision === 'APPROVE') {
      await j.setStep(step, 'DONE', { decision, round });
      return;
    }
    if (decision === 'EXTEND') {
      step = await acts.rescheduleStep({ runId: j.runId, step, dueDate: newDate! });
      j.schedule.steps = j.schedule.steps.map((s) => (s.id === step.id ? step : s));
      await j.setStep(step, 'PENDING', { extendedTo: newDate, round });
      continue;
    }
    reviewer = 'HEAD_OF_DF';
    await j.setStep(step, 'ESCALATED', { round });
    await acts.notifyRun({
      runId: j.runId,
      template: 'checkpoint-escalated',
      to: ['HEAD_OF_DF'],
      key: `${step.id}:escalated:${round}`,
      stepId: step.id,
    });
    step = { ...step, opensAt: new Date(Date.now()).toISOString() };
  }
}

/** Patch id: runs started before checkpoints verified access replay without it. */
export const ACCESS_AT_CHECKPOINTS = 'checkpoint-access-verification';

/**
 * Reconciliation before the review: what the run granted against what the target systems show.
 * The reviewer sees the outcome with the task; drift alerts IT once per checkpoint round. A
 * verification that cannot run (retries exhausted) is shown as such and never blocks the review.
 */
async function verifyAccess(
  j: Journey,
  step: ScheduledStep,
  round: number,
): Promise<Record<string, unknown>> {
  let report: AccessReport;
  try {
    report = await verification.verifyRunAccess({
      runId: j.runId,
      key: `${step.id}:${round}`,
      actor: 'system:workflow',
    });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    return { accessVerification: { status: 'UNAVAILABLE' } };
  }
  if (report.drift) {
    await acts.notifyRun({
      runId: j.runId,
      template: 'access-drift',
      to: ['IT'],
      key: `${step.id}:access-drift:${round}`,
      stepId: step.id,
    });
  }
  await acts.recordStep({
    runId: j.runId,
    step,
    status: 'IN_PROGRESS',
    data: { round, accessDrift: report.drift, accessVerifiedAt: report.verifiedAt },
  });
  return {
    accessVerification: {
      status: report.drift ? 'DRIFT' : 'OK',
      verifiedAt: report.verifiedAt,
      checks: report.checks,
    },
  };
}
