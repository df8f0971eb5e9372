/** No failure: a few runs go end to end; their emails and audit events become the reference. */
import { verify } from './checks';
import type { Drill } from './drill';
import { completeHireTasks, startRuns, waitCompleted, waitForOpenTasks } from './runs';

export const baselineDrill: Drill = {
  name: 'baseline',
  claim: 'runs without failures complete; each leaves the same emails and audit events',
  async run(sys, ctx) {
    const runs = await startRuns(sys, 'baseline', 3);
    await waitForOpenTasks(sys, runs, 60_000);
    await completeHireTasks(sys, runs, 60_000);
    await waitCompleted(sys, runs, 60_000);
    const verdict = await verify(sys, runs);
    ctx.reference = verdict.traces.values().next().value;
    const ref = ctx.reference;
    const problems = [...verdict.problems];
    if (!ref?.emails.includes('welcome') || !ref.audit.includes('access.granted')) {
      problems.push('the reference run has no welcome email or no access.granted event');
    }
    return {
      cases: runs.length,
      detail: `${runs.length} runs; per run ${ref?.emails.length ?? 0} emails, ${ref?.audit.length ?? 0} audit events`,
      problems,
    };
  },
};
