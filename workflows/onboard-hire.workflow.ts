/**
 * The onboarding journey of one hire, from pre-boarding to the day-90 checkpoint, executing the
 * plan snapshot the run started with. Deterministic: side effects run in activities, which also
 * project every state change into PostgreSQL (the API's read model). See docs/journey.md.
 */
import { CancellationScope, condition, isCancellation, patched } from '@temporalio/workflow';
import type { OnboardHireInput, OnboardingState, ScheduledStep } from './definitions';
import { provisionAccess, revokeAll } from './journey/access';
import { acts } from './journey/activities';
import { holdCheckpoint } from './journey/checkpoints';
import { registerHandlers } from './journey/handlers';
import { acknowledgeDocuments, genericTask, takeTour } from './journey/human-steps';
import { Journey } from './journey/journey';
import { holdTrial, TRIAL_DECISION } from './journey/trial';

export async function onboardHire(input: OnboardHireInput): Promise<OnboardingState> {
  const j = new Journey(input.runId, input.hireId, input.techLeadSub, input.startDate);
  for (const [stepId, sub] of Object.entries(input.tourGuides ?? {})) j.tourGuides.set(stepId, sub);
  const scope = new CancellationScope();
  registerHandlers(j, () => scope.cancel());
  void projectPauses(j);

  try {
    await scope.run(() => journey(j));
  } catch (err) {
    if (!isCancellation(err) || !j.cancelRequest) throw err;
    await CancellationScope.nonCancellable(() => compensate(j));
    return j.view();
  }
  j.state.status = 'COMPLETED';
  await j.publishPhase({}, true);
  return j.view();
}

async function journey(j: Journey): Promise<void> {
  await j.publishPhase({}, true);
  j.schedule = await acts.computeSchedule({ runId: j.runId });
  await preboard(j);
  // The trial runs beside the steps from the (now fixed) start date; older runs have none.
  const trial = patched(TRIAL_DECISION) ? holdTrial(j) : Promise.resolve();
  await Promise.all([...j.schedule.steps.map((step) => runStep(j, step)), trial]);
  await j.publishPhase();
  await acts.notifyRun({
    runId: j.runId,
    template: 'journey-completed',
    to: ['HIRE', 'TECH_LEAD', 'HR'],
    key: 'completed',
  });
}

/** Every step waits for the steps it depends on (done, or settled by a rejection). */
async function runStep(j: Journey, step: ScheduledStep): Promise<void> {
  await condition(() => step.dependsOn.every((id) => j.isSettled(id)));
  switch (step.kind) {
    case 'ACCESS_GRANT':
      return provisionAccess(j, step);
    case 'DOCUMENT_ACK':
      return acknowledgeDocuments(j, step);
    case 'CODEBASE_TOUR':
      return takeTour(j, step);
    case 'CHECKPOINT':
      return afterPreviousCheckpoint(j, step).then(() => holdCheckpoint(j, step));
    case 'TASK':
      return genericTask(j, step);
    case 'TRIAL':
    case 'OFFBOARDING':
      return; // run-level steps, never in a plan's schedule
  }
}

/**
 * Durable timer until the welcome instant, then held while HR has paused the run. A start-date
 * change during either wait (or while a schedule is being computed) re-plans and waits again;
 * once the loop ends the start date is fixed.
 */
async function preboard(j: Journey): Promise<void> {
  const changed = () => j.startDateChanged;
  for (;;) {
    await j.until(j.schedule.welcomeAt, changed);
    await condition(() => changed() || j.state.status !== 'PAUSED');
    if (!changed()) break;
    j.startDateChanged = false;
    j.schedule = await acts.computeSchedule({ runId: j.runId, startDate: j.state.startDate });
  }
  j.startDateFixed = true;
  await acts.sendWelcomeEmail({ runId: j.runId, idempotencyKey: `${j.runId}:welcome:1` });
  j.state.welcomeEmailSent = true;
  // Steps open at their own instants from the schedule; this only projects the first day.
  // Fire and forget, so a cancellation before the first day must not surface as unhandled.
  void j
    .until(j.schedule.startAt)
    .then(() => j.publishPhase())
    .catch((err: unknown) => {
      if (!isCancellation(err)) throw err;
    });
}

/** Checkpoints are sequential: day 60 waits for the day-30 decision. */
async function afterPreviousCheckpoint(j: Journey, step: ScheduledStep): Promise<void> {
  const day = step.checkpoint?.day ?? 0;
  const earlier = j.schedule.steps.filter(
    (s) => s.kind === 'CHECKPOINT' && (s.checkpoint?.day ?? 0) < day,
  );
  await condition(() => earlier.every((s) => j.isDone(s.id)));
}

/** Pause and resume arrive as signals; this loop projects them (outside the cancellable scope). */
async function projectPauses(j: Journey): Promise<void> {
  for (;;) {
    await condition(() => j.statusChanged);
    j.statusChanged = false;
    await j.publishPhase({}, true);
  }
}

/** Cancellation: revoke every access granted (reverse order), cancel open tasks, notify. */
async function compensate(j: Journey): Promise<void> {
  await revokeAll(j);
  await acts.cancelOpenTasks({ runId: j.runId });
  for (const task of j.tasks.values()) if (task.status === 'OPEN') task.status = 'CANCELLED';
  for (const step of j.schedule?.steps ?? []) {
    const status = j.state.steps[step.id]?.status;
    if (status === 'IN_PROGRESS' || status === 'AWAITING_APPROVAL' || status === 'ESCALATED') {
      await j.setStep(step, 'CANCELLED');
    }
  }
  j.state.status = 'CANCELLED';
  await j.publishPhase({ reason: j.cancelRequest?.reason, actor: j.cancelRequest?.actor }, true);
  await acts.notifyRun({
    runId: j.runId,
    template: 'journey-cancelled',
    to: ['HIRE', 'TECH_LEAD', 'HR', 'IT'],
    key: 'cancelled',
  });
}
