/**
 * Named peer guides on the time-skipping server: a peer named at start receives the tour's
 * confirmation and only that peer (or the fallback: the run's tech lead, the head of DF) may
 * confirm it; HR names a peer while the confirmation is open and the task moves to them; a tour
 * without a peer stays with the tech lead. Probes run inside the activity that opened the task,
 * so they land at that workflow time; their outcomes are asserted once the run is over.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  assignTourGuideUpdate,
  completeTaskUpdate,
  type Actor,
  type TaskPayload,
} from '../../workflows/definitions';
import { named, runJourney, timeSkippingEnv, type JourneyRun } from './journey-harness';
import { START } from './journey-scenarios';

jest.setTimeout(Number(process.env.JOURNEY_TIMEOUT_MS ?? 120_000));

const NAMED_AT_START = 'tour-async-services-and-data-layer';
const NAMED_WHILE_OPEN = 'tour-ci-cd-and-containers';
const NEVER_NAMED = 'tour-observability-and-profiling';
const LEAD_TOUR = 'tour-architecture-overview';
const KAFUI: Actor = { sub: 'peer-kafui', roles: [] };
const AFI: Actor = { sub: 'peer-afi', roles: ['TECH_LEAD'] };
const SOMEONE_ELSE: Actor = { sub: 'someone-else', roles: ['TECH_LEAD'] };

/** The update's answer, or the reason the validator gave for refusing it. */
async function attempt(p: Promise<unknown>): Promise<unknown> {
  try {
    return (await p) ?? 'accepted';
  } catch (err) {
    if (!(err instanceof WorkflowUpdateFailedError)) throw err;
    return { refused: err.cause?.message };
  }
}
const confirm = (run: JourneyRun, taskKey: string, actor: Actor, payload: TaskPayload = {}) =>
  attempt(run.handle.executeUpdate(completeTaskUpdate, { args: [{ taskKey, actor, payload }] }));
const assign = (run: JourneyRun, stepId: string, guideSub: string, actor: Actor) =>
  attempt(run.handle.executeUpdate(assignTourGuideUpdate, { args: [{ stepId, guideSub, actor }] }));

describe('named peer guides', () => {
  const env = timeSkippingEnv();
  const seen: Record<string, unknown> = {};
  let outcome: Awaited<ReturnType<typeof runJourney>>;
  beforeAll(async () => {
    outcome = await runJourney(env(), START, {
      tourGuides: { [NAMED_AT_START]: KAFUI.sub },
      onTask: async (task, run) => {
        const hr = run.actorFor('HR');
        switch (task.taskKey) {
          case `${NAMED_AT_START}:confirm`:
            seen.namedAtStart = task.assigneeSub;
            seen.someoneElse = await confirm(run, task.taskKey, SOMEONE_ELSE);
            seen.otherPeer = await confirm(run, task.taskKey, AFI);
            seen.byPeer = await confirm(run, task.taskKey, KAFUI);
            return;
          case `${NAMED_WHILE_OPEN}:confirm`:
            seen.beforeNaming = task.assigneeSub ?? task.assignee;
            seen.byTechLeadRole = await assign(run, NAMED_WHILE_OPEN, AFI.sub, SOMEONE_ELSE);
            seen.leadTour = await assign(run, LEAD_TOUR, AFI.sub, hr);
            seen.unknownStep = await assign(run, 'no-such-step', AFI.sub, hr);
            seen.byHr = await assign(run, NAMED_WHILE_OPEN, AFI.sub, hr);
            seen.formerGuide = await confirm(run, task.taskKey, KAFUI);
            seen.byNewPeer = await confirm(run, task.taskKey, AFI);
            return;
          case 'checkpoint-day-30:review:1':
            seen.afterConfirmed = await assign(run, NAMED_AT_START, AFI.sub, hr);
            return run.complete(task);
          default:
            return run.complete(task);
        }
      },
    });
  });

  it('completes the journey', () => {
    expect(outcome.result.status).toBe('COMPLETED');
  });

  it('gives the confirmation of a tour to the peer named at start, and refuses anyone else', () => {
    expect(seen.namedAtStart).toBe(KAFUI.sub);
    expect(seen.someoneElse).toEqual({ refused: expect.stringMatching(/^NotAllowed/) as string });
    expect(seen.otherPeer).toEqual({ refused: expect.stringMatching(/^NotAllowed/) as string });
    expect(seen.byPeer).toMatchObject({ completedBy: KAFUI.sub });
  });

  it('moves an open confirmation to the peer HR names, audited through reassignTask', () => {
    expect(seen.beforeNaming).toBe('TECH_LEAD');
    expect(seen.byTechLeadRole).toEqual({
      refused: expect.stringMatching(/^NotAllowed/) as string,
    });
    expect(seen.leadTour).toEqual({
      refused: expect.stringMatching(/^Invalid: .* not a tour/) as string,
    });
    expect(seen.unknownStep).toEqual({ refused: expect.stringMatching(/^Invalid/) as string });
    expect(seen.byHr).toBe('accepted');
    expect(seen.formerGuide).toEqual({ refused: expect.stringMatching(/^NotAllowed/) as string });
    expect(seen.byNewPeer).toMatchObject({ completedBy: AFI.sub });
    expect(named(outcome.run.events, 'task.reassigned').map((e) => e.detail)).toEqual([
      { taskKey: `${NAMED_WHILE_OPEN}:confirm`, assigneeSub: AFI.sub, actor: 'hr-1' },
    ]);
  });

  it('refuses to name a guide once the tour is confirmed', () => {
    expect(seen.afterConfirmed).toEqual({
      refused: expect.stringMatching(/^NotAllowed: .*already confirmed/) as string,
    });
  });

  it('leaves a peer tour without a named peer, and a tech-lead tour, to the tech lead', () => {
    const opened = named(outcome.run.events, 'task.opened');
    for (const stepId of [NEVER_NAMED, LEAD_TOUR]) {
      const task = opened.find((e) => e.detail.taskKey === `${stepId}:confirm`);
      expect(task?.detail).toMatchObject({ assignee: 'TECH_LEAD', assigneeSub: undefined });
      const done = named(outcome.run.events, 'task.completed').find(
        (e) => e.detail.taskKey === `${stepId}:confirm`,
      );
      expect(done?.detail.actor).toBe('tl-akossiwa');
    }
  });
});
