/**
 * Who may decide what, and when, on the time-skipping server: the completeTask validator refuses
 * the wrong caller and a checkpoint that is not yet due, a repeated decision is idempotent, and
 * the checkpoint decisions EXTEND and ESCALATE reopen the review on the new date or for the head
 * of the Digital Factory. Probes run inside the activity that opened the task, so they land at
 * that workflow time; their outcomes are asserted once the run is over.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  completeTaskUpdate,
  getStateQuery,
  type Actor,
  type TaskPayload,
} from '../../workflows/definitions';
import { named, runJourney, timeSkippingEnv, type Event, type JourneyRun } from './journey-harness';
import { EXTENDED_TO, START, checkpointDecisions } from './journey-scenarios';

jest.setTimeout(Number(process.env.JOURNEY_TIMEOUT_MS ?? 120_000));

const minute = (at?: string) => at?.slice(0, 16);
const APPROVAL = 'grant-production-db-read:approval';
const DAY_30 = 'checkpoint-day-30:review:1';
const SOMEONE_ELSE: Actor = { sub: 'someone-else', roles: ['TECH_LEAD'] };
const APPROVE: TaskPayload = { decision: 'APPROVE', notes: 'on track' };

/** The update's answer, or the reason the validator gave for refusing it. */
async function decide(run: JourneyRun, taskKey: string, payload: TaskPayload, actor: Actor) {
  try {
    return await run.handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskKey, actor, payload }],
    });
  } catch (err) {
    if (!(err instanceof WorkflowUpdateFailedError)) throw err;
    return { refused: err.cause?.message };
  }
}

describe('deciding tasks', () => {
  const env = timeSkippingEnv();
  const seen: Record<string, unknown> = {};
  let outcome: Awaited<ReturnType<typeof runJourney>>;
  beforeAll(async () => {
    outcome = await runJourney(env(), START, {
      onTask: async (task, run) => {
        const tl = run.actorFor('TECH_LEAD');
        const hod = run.actorFor('HEAD_OF_DF');
        switch (task.taskKey) {
          case APPROVAL:
            seen.earlyCheckpoint = await decide(run, DAY_30, APPROVE, tl);
            seen.openTasks = (await run.handle.query(getStateQuery)).tasks.map((t) => t.key);
            seen.someoneElse = await decide(run, APPROVAL, { approve: true }, SOMEONE_ELSE);
            return run.complete(task, { approve: true }, hod);
          case DAY_30:
            seen.badDate = await decide(
              run,
              DAY_30,
              { decision: 'EXTEND', newDate: '2027-02-30' },
              tl,
            );
            seen.pastDate = await decide(run, DAY_30, { decision: 'EXTEND', newDate: START }, tl);
            seen.first = await decide(run, DAY_30, APPROVE, tl);
            seen.again = await decide(run, DAY_30, APPROVE, tl);
            seen.changedMind = await decide(
              run,
              DAY_30,
              { decision: 'EXTEND', newDate: EXTENDED_TO },
              tl,
            );
            return;
          case 'checkpoint-day-90:review:2':
            seen.techLeadOnHodRound = await decide(run, task.taskKey, APPROVE, tl);
            seen.hodRound = task.assignee;
            return run.complete(task, APPROVE, hod);
          default:
            return checkpointDecisions.onTask(task, run);
        }
      },
    });
  });

  const opened = (taskKey: string) =>
    named(outcome.run.events, 'task.opened').find((e) => e.detail.taskKey === taskKey);
  const completions = (taskKey: string) =>
    named(outcome.run.events, 'task.completed').filter((e) => e.detail.taskKey === taskKey);
  const decisions = (stepId: string) =>
    named(outcome.run.events, 'decision')
      .filter((e) => e.detail.stepId === stepId)
      .map((e: Event) => [e.detail.decision, e.detail.round, e.detail.actor]);

  it('refuses an approval from someone who is not the tech lead, and takes the head of the DF', () => {
    expect(seen.someoneElse).toEqual({ refused: expect.stringMatching(/^NotAllowed:/) as string });
    expect(completions(APPROVAL).map((e) => e.detail.actor)).toEqual(['head_of_df-1']);
    expect(named(outcome.run.events, 'grant').map((e) => e.detail.system)).toContain(
      'postgres-prod',
    );
  });

  it('refuses a checkpoint decision before the checkpoint is due: the review is not open', () => {
    expect(seen.earlyCheckpoint).toEqual({
      refused: expect.stringMatching(/^TaskNotOpen:/) as string,
    });
    expect(seen.openTasks).toContain(APPROVAL);
    expect(seen.openTasks).not.toContain(DAY_30);
    expect(minute(opened(DAY_30)?.at)).toBe('2027-02-03T09:00');
  });

  it('refuses to extend to a date that does not exist or has passed', () => {
    expect(seen.badDate).toEqual({ refused: expect.stringMatching(/^Invalid:/) as string });
    expect(seen.pastDate).toEqual({ refused: expect.stringMatching(/^Invalid:/) as string });
  });

  it('answers the same decision twice with the same result, records it once, refuses another', () => {
    expect(seen.first).toEqual({ taskKey: DAY_30, completedBy: 'tl-akossiwa', payload: APPROVE });
    expect(seen.again).toEqual(seen.first);
    expect(seen.changedMind).toEqual({
      refused: expect.stringMatching(/^AlreadyCompleted:/) as string,
    });
    expect(completions(DAY_30)).toHaveLength(1);
    expect(decisions('checkpoint-day-30')).toEqual([['APPROVE', 1, 'tl-akossiwa']]);
  });

  it('reopens an extended checkpoint on the new date, for a second round', () => {
    expect(decisions('checkpoint-day-60')).toEqual([
      ['EXTEND', 1, 'tl-akossiwa'],
      ['APPROVE', 2, 'tl-akossiwa'],
    ]);
    const extended = named(outcome.run.events, 'decision').find(
      (e) => e.detail.decision === 'EXTEND',
    );
    expect(extended?.detail.newDate).toBe(EXTENDED_TO);
    for (const key of ['checkpoint-day-60:review:2', 'checkpoint-day-60:self-assessment:2']) {
      expect([key, minute(opened(key)?.at)]).toEqual([key, `${EXTENDED_TO}T09:00`]);
    }
    expect(opened('checkpoint-day-60:review:2')?.detail.assignee).toBe('TECH_LEAD');
  });

  it('hands an escalated checkpoint to the head of the DF, who decides the next round', () => {
    const escalated = named(outcome.run.events, 'notify').filter(
      (e) => e.detail.template === 'checkpoint-escalated',
    );
    expect(escalated.map((e) => e.detail)).toEqual([
      { template: 'checkpoint-escalated', to: ['HEAD_OF_DF'], stepId: 'checkpoint-day-90' },
    ]);
    expect(seen.hodRound).toBe('HEAD_OF_DF');
    expect(opened('checkpoint-day-90:self-assessment:2')).toBeUndefined();
    expect(seen.techLeadOnHodRound).toEqual({
      refused: expect.stringMatching(/^NotAllowed:/) as string,
    });
    expect(decisions('checkpoint-day-90')).toEqual([
      ['ESCALATE', 1, 'tl-akossiwa'],
      ['APPROVE', 2, 'head_of_df-1'],
    ]);
  });

  it('completes with every checkpoint approved', () => {
    expect(outcome.result.status).toBe('COMPLETED');
    expect(outcome.result.steps['checkpoint-day-60'].status).toBe('DONE');
    expect(outcome.result.steps['checkpoint-day-90'].status).toBe('DONE');
  });
});
