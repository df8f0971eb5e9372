/**
 * Checkpoints 30/60/90: a timer to the day, a self-assessment for the hire and a review for the
 * tech lead, whose decision (an Update) approves, extends to a new date, or escalates to the head
 * of the Digital Factory, who then decides.
 */
import type { OwnerRole, ScheduledStep } from '../definitions';
import { acts } from './activities';
import type { Journey } from './journey';
import { runTask } from './tasks';

export async function holdCheckpoint(j: Journey, planned: ScheduledStep): Promise<void> {
  let step = planned;
  let reviewer: OwnerRole = 'TECH_LEAD';
  for (let round = 1; ; round++) {
    await j.until(step.opensAt);
    await j.whilePaused();
    await j.setStep(step, 'IN_PROGRESS', { round });
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
