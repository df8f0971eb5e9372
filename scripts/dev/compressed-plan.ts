/**
 * The default plan compressed to minutes for end-to-end tests, drills and benchmarks: every step due on the start date
 * (working day 0; checkpoints on calendar days 0, 1, 2), opening at 00:00, welcome on the day.
 * Start the run a few days in the past and everything opens at once. No trial period.
 */
import { loadPlans } from '../../domain/plans/load-plans';
import type { PlanFile } from '../../domain/plans/plan.schema';

export function compressedPlan(key: string): PlanFile {
  let checkpoints = 0;
  const base = loadPlans().find((p) => p.plan.key === 'rust-backend-engineer')!.plan;
  return {
    ...base,
    key,
    // A trial of months would keep the run open for months: compressed runs have none.
    trial: undefined,
    times: { start: '00:00', deadline: '23:59' },
    preboarding: { welcomeDaysBefore: 0 },
    phases: base.phases.map((phase) => ({
      ...phase,
      steps: phase.steps.map((step) => ({
        ...step,
        due: step.kind === 'CHECKPOINT' ? { calendarDays: checkpoints++ } : { workingDays: 0 },
      })),
    })),
  };
}
