/**
 * Pre-boarding on the time-skipping server: HR pauses the run (the welcome email waits for the
 * resume) and moves the start date (the welcome email and every step move with it, until the
 * welcome email is due; from then on the date is fixed and a change is refused).
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  changeStartDateUpdate,
  getStateQuery,
  pauseSignal,
  resumeSignal,
  type Actor,
  type OnboardingState,
} from '../../workflows/definitions';
import {
  named,
  runJourney,
  startJourney,
  timeSkippingEnv,
  type JourneyRun,
  type StartedJourney,
} from './journey-harness';
import { START } from './journey-scenarios';

jest.setTimeout(Number(process.env.JOURNEY_TIMEOUT_MS ?? 120_000));

const DAY_MS = 86_400_000;
const minute = (at?: string | number) =>
  at === undefined ? undefined : new Date(at).toISOString().slice(0, 16);
const HR: Actor = { sub: 'hr-1', roles: ['HR'] };

/** Moves the test server's clock (locked until `finish`) to `at`, firing the timers before it. */
async function skipTo(env: TestWorkflowEnvironment, at: number): Promise<void> {
  await env.sleep(at - (await env.currentTimeMs()));
}

async function changeStartDate(run: JourneyRun, startDate: string, actor: Actor = HR) {
  try {
    await run.handle.executeUpdate(changeStartDateUpdate, { args: [{ startDate, actor }] });
    return 'accepted';
  } catch (err) {
    if (!(err instanceof WorkflowUpdateFailedError)) throw err;
    return err.cause?.message;
  }
}

const welcomes = (run: JourneyRun) => named(run.events, 'welcome').map((e) => minute(e.at));
const firstOpened = (run: JourneyRun, taskKey: string) =>
  minute(named(run.events, 'task.opened').find((e) => e.detail.taskKey === taskKey)?.at);

describe('HR pauses the run before the welcome email', () => {
  const env = timeSkippingEnv();
  let started: StartedJourney;
  let whilePaused: { state: OnboardingState; welcomes: unknown[] };
  let resumedAt: number;
  let result: OnboardingState;
  beforeAll(async () => {
    started = await startJourney(env(), START);
    const { run } = started;
    await run.handle.signal(pauseSignal, { actor: HR });
    await skipTo(env(), Date.parse(run.schedule.welcomeAt) + 2 * DAY_MS);
    whilePaused = {
      state: await run.handle.query(getStateQuery),
      welcomes: welcomes(run),
    };
    resumedAt = await env().currentTimeMs();
    await run.handle.signal(resumeSignal, { actor: HR });
    result = await started.finish();
  });

  it('holds the welcome email past its instant while paused', () => {
    expect(whilePaused.state).toMatchObject({
      status: 'PAUSED',
      phase: 'PRE_BOARDING',
      welcomeEmailSent: false,
    });
    expect(whilePaused.welcomes).toEqual([]);
    // The read model is told of the pause, then of the resume.
    const statuses = named(started.run.events, 'progress').map((e) => e.detail.status);
    const paused = statuses.lastIndexOf('PAUSED');
    expect(paused).toBeGreaterThan(-1);
    expect(statuses[paused + 1]).toBe('RUNNING');
  });

  it('sends it once, when HR resumes, and the journey goes on', () => {
    expect(welcomes(started.run)).toEqual([minute(resumedAt)]);
    expect(result.status).toBe('COMPLETED');
    expect(result.welcomeEmailSent).toBe(true);
  });
});

describe('HR moves the start date as the run begins', () => {
  const env = timeSkippingEnv();
  const NEW_START = '2027-01-11';
  const seen: Record<string, unknown> = {};
  let outcome: Awaited<ReturnType<typeof runJourney>>;
  beforeAll(async () => {
    outcome = await runJourney(env(), START, {
      // While the run records its first progress, before it has computed any schedule.
      onEvent: async (event, run) => {
        if (event.name === 'progress' && !('hr' in seen)) {
          seen.hire = await changeStartDate(run, NEW_START, run.actorFor('HIRE'));
          seen.notADate = await changeStartDate(run, '2027-02-30');
          seen.hr = await changeStartDate(run, NEW_START);
        }
        if (event.name === 'welcome') seen.afterWelcome = await changeStartDate(run, '2027-01-18');
      },
    });
  });

  it('takes the change from HR only, for an existing date', () => {
    expect(seen.hire).toMatch(/^NotAllowed:/);
    expect(seen.notADate).toMatch(/^Invalid:/);
    expect(seen.hr).toBe('accepted');
    expect(outcome.result.startDate).toBe(NEW_START);
  });

  it('re-plans: the welcome email and the steps move to the new date', () => {
    const { run } = outcome;
    expect(named(run.events, 'schedule').map((e) => e.detail.startDate)).toEqual([
      START,
      NEW_START,
    ]);
    // Five calendar days before Monday 11 January, at 09:00 in Lomé.
    expect(welcomes(run)).toEqual(['2027-01-06T09:00']);
    expect(firstOpened(run, 'tour-architecture-overview:attend')).toBe('2027-01-12T09:00');
    expect(firstOpened(run, 'checkpoint-day-30:review:1')).toBe('2027-02-10T09:00');
    expect(outcome.result.status).toBe('COMPLETED');
  });

  it('refuses a change once the welcome email is due: the start date is fixed', () => {
    expect(seen.afterWelcome).toMatch(/^NotAllowed:/);
    expect(named(outcome.run.events, 'schedule')).toHaveLength(2);
  });
});

describe('HR moves the start date while the run is paused past its welcome instant', () => {
  const env = timeSkippingEnv();
  const NEW_START = '2027-01-18';
  let started: StartedJourney;
  let change: unknown;
  beforeAll(async () => {
    started = await startJourney(env(), START);
    const { run } = started;
    await run.handle.signal(pauseSignal, { actor: HR });
    await skipTo(env(), Date.parse(run.schedule.welcomeAt) + DAY_MS);
    change = await changeStartDate(run, NEW_START);
    await run.handle.signal(resumeSignal, { actor: HR });
    await started.finish();
  });

  it('sends the welcome email for the new date, not at the resume', () => {
    expect(change).toBe('accepted');
    // 13 January is a public holiday, but the welcome email counts calendar days.
    expect(welcomes(started.run)).toEqual(['2027-01-13T09:00']);
    expect(firstOpened(started.run, 'tour-architecture-overview:attend')).toBe('2027-01-19T09:00');
  });
});
