/**
 * The end of the trial period: before it ends the tech lead decides CONFIRM, RENEW (once, if the
 * plan allows, to a new end date) or END (reason and last day); an END waits for the head of the
 * Digital Factory's co-signature, then starts the leaving journey. HR is told of every decision.
 * Undecided by the last working day, the decision escalates (head of DF, then HR); undecided when
 * the trial ends, it is recorded LAPSED and a late decision is still taken. Dates come from the
 * computeTrial activity; this file only waits and decides.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import {
  offboardingWorkflowId,
  type OffboardEmployeeInput,
  type StepStatus,
  type TrialSchedule,
  type TrialStatus,
} from '../definitions';
import { acts } from './activities';
import type { Journey } from './journey';
import { runTask } from './tasks';

/** Patch id: runs started before the trial decision existed replay without it. */
export const TRIAL_DECISION = 'trial-period-decision';

export const TRIAL_STEP_ID = 'trial-period';

async function project(
  j: Journey,
  trial: TrialSchedule,
  status: TrialStatus,
  stepStatus: StepStatus,
  extra: Record<string, unknown> = {},
): Promise<void> {
  j.state.trial = {
    status,
    endDate: trial.endDate,
    lastWorkingDay: trial.lastWorkingDay,
    renewed: trial.renewed,
    renewable: trial.renewable,
    noticeDays: trial.noticeDays,
    lastDay: typeof extra.lastDay === 'string' ? extra.lastDay : j.state.trial?.lastDay,
  };
  await j.setStep(trial.step, stepStatus, { ...j.state.trial, ...extra });
}

export async function holdTrial(j: Journey): Promise<void> {
  let trial = await acts.computeTrial({ runId: j.runId });
  if (!trial) return;
  j.trial = trial;
  await project(j, trial, 'RUNNING', 'PENDING');
  for (let round = 1; ; round++) {
    await j.until(trial.step.opensAt);
    await j.whilePaused();
    await project(j, trial, 'DECISION_OPEN', 'IN_PROGRESS', { round });
    const key = `${TRIAL_STEP_ID}:decision:${round}`;
    const context = await acts.trialContext({ runId: j.runId });
    const decided = runTask(j, {
      key,
      step: trial.step,
      kind: 'TRIAL_DECISION',
      assignee: 'TECH_LEAD',
      context: { ...context, trial: j.state.trial },
    });
    if (!(await j.until(trial.endsAt, () => j.results.has(key)))) {
      await project(j, trial, 'LAPSED', 'ESCALATED', { round });
      await acts.notifyRun({
        runId: j.runId,
        template: 'trial-lapsed',
        to: ['HR', 'HEAD_OF_DF'],
        key: `${key}:lapsed`,
        stepId: TRIAL_STEP_ID,
      });
    }
    const { payload, completedBy } = await decided;
    const decision = payload.trialDecision!;
    await acts.recordTrialDecision({
      runId: j.runId,
      round,
      decision,
      actor: completedBy,
      newDate: payload.newDate ?? null,
      lastDay: payload.lastDay ?? null,
      reason: payload.reason ?? null,
    });
    await acts.notifyRun({
      runId: j.runId,
      template: `trial-${decision.toLowerCase()}`,
      to: ['HR'],
      key: `${key}:hr`,
      stepId: TRIAL_STEP_ID,
    });
    if (decision === 'CONFIRM') return project(j, trial, 'CONFIRMED', 'DONE', { round });
    if (decision === 'RENEW') {
      trial = await acts.computeTrial({ runId: j.runId, renewTo: payload.newDate! });
      if (!trial) return;
      j.trial = trial;
      await project(j, trial, 'RUNNING', 'PENDING', { round, renewedTo: trial.endDate });
      continue;
    }
    if (await endTrial(j, trial, round, payload.lastDay!)) return;
  }
}

/** END: the head of DF co-signs (or refuses: the decision opens again), then leaving starts. */
async function endTrial(
  j: Journey,
  trial: TrialSchedule,
  round: number,
  lastDay: string,
): Promise<boolean> {
  await project(j, trial, 'AWAITING_COSIGN', 'IN_PROGRESS', { round, lastDay });
  const cosign = await runTask(j, {
    key: `${TRIAL_STEP_ID}:cosign:${round}`,
    step: trial.step,
    kind: 'COSIGN_TRIAL_END',
    assignee: 'HEAD_OF_DF',
    dueAt: trial.endsAt,
    reminders: [],
    escalations: [],
    context: { lastDay, trial: j.state.trial },
  });
  await acts.recordTrialDecision({
    runId: j.runId,
    round,
    decision: cosign.payload.approve ? 'END_COSIGNED' : 'END_REFUSED',
    actor: cosign.completedBy,
    newDate: null,
    lastDay,
    reason: cosign.payload.reason ?? null,
  });
  if (!cosign.payload.approve) return false;
  await project(j, trial, 'ENDED', 'DONE', { round, lastDay });
  await startLeaving(j, lastDay);
  return true;
}

/** The leaving journey outlives this run (ABANDON); one already started by HR is kept. */
async function startLeaving(j: Journey, lastDay: string): Promise<void> {
  const input: OffboardEmployeeInput = {
    runId: j.runId,
    hireId: j.hireId,
    techLeadSub: j.state.techLeadSub,
    lastDay,
    startedBy: 'system:trial-end',
    source: 'TRIAL_END',
  };
  try {
    await startChild('offboardEmployee', {
      workflowId: offboardingWorkflowId(j.hireId),
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
