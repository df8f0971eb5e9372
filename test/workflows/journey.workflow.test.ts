/**
 * The whole 90-day journey on the time-skipping server: order, due dates (working days, Togo
 * holidays skipped), gates, and completion, with people acting through the real update handler.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { named, runJourney } from './journey-harness';

/** Activities are scheduled a few milliseconds after their timer fires: compare to the minute. */
const minute = (at?: string) => at?.slice(0, 16);

jest.setTimeout(Number(process.env.JOURNEY_TIMEOUT_MS ?? 120_000));

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

// Monday 4 January 2027; 13 January (Liberation Day) is a public holiday in Togo.
const START = '2027-01-04';

describe('the 90-day journey', () => {
  let outcome: Awaited<ReturnType<typeof runJourney>>;
  beforeAll(async () => {
    outcome = await runJourney(env, START);
  });

  it('completes, with every step done and a summary to hire, tech lead and HR', () => {
    expect(outcome.result.status).toBe('COMPLETED');
    expect(Object.values(outcome.result.steps).every((s) => s.status === 'DONE')).toBe(true);
    expect(Object.keys(outcome.result.steps)).toHaveLength(outcome.run.schedule.steps.length);
    const last = outcome.run.events.at(-2)!;
    expect(last).toMatchObject({
      name: 'notify',
      detail: { template: 'journey-completed', to: ['HIRE', 'TECH_LEAD', 'HR'] },
    });
    expect(named(outcome.run.events, 'reminder')).toHaveLength(0);
  });

  it('sends the welcome email five days before the start, at 09:00 in Lomé, before any task', () => {
    const { events } = outcome.run;
    expect(named(events, 'welcome').map((e) => minute(e.at))).toEqual(['2026-12-30T09:00']);
    const firstTask = events.findIndex((e) => e.name === 'task.opened');
    expect(events.findIndex((e) => e.name === 'welcome')).toBeLessThan(firstTask);
  });

  it('opens tours on their working day, skipping weekends and public holidays', () => {
    const opened = (key: string) =>
      minute(
        outcome.run.events.find((e) => e.name === 'task.opened' && e.detail.taskKey === key)?.at,
      );
    // +1 working day from Monday 4 January
    expect(opened('tour-architecture-overview:attend')).toBe('2027-01-05T09:00');
    // +8 working days: 13 January is skipped, so Friday 15 January
    expect(opened('tour-observability-and-profiling:attend')).toBe('2027-01-15T09:00');
  });

  it('holds the checkpoints to the day: 30, 60 and 90 calendar days after the start', () => {
    const reviews = outcome.run.events.filter(
      (e) => e.name === 'task.opened' && String(e.detail.taskKey).includes(':review:'),
    );
    expect(reviews.map((e) => [e.detail.taskKey, minute(e.at)])).toEqual([
      ['checkpoint-day-30:review:1', '2027-02-03T09:00'],
      ['checkpoint-day-60:review:1', '2027-03-05T09:00'],
      ['checkpoint-day-90:review:1', '2027-04-04T09:00'],
    ]);
    expect(named(outcome.run.events, 'decision').map((e) => e.detail.decision)).toEqual([
      'APPROVE',
      'APPROVE',
      'APPROVE',
    ]);
  });

  it('asks approval for production database access only after the security sign-off', () => {
    const { events } = outcome.run;
    const signedOff = events.findIndex(
      (e) =>
        e.name === 'step' && e.detail.stepId === 'security-sign-off' && e.detail.status === 'DONE',
    );
    const approval = events.findIndex(
      (e) => e.name === 'task.opened' && e.detail.taskKey === 'grant-production-db-read:approval',
    );
    const granted = events.findIndex(
      (e) => e.name === 'grant' && e.detail.stepId === 'grant-production-db-read',
    );
    expect(signedOff).toBeGreaterThan(-1);
    expect(approval).toBeGreaterThan(signedOff);
    expect(granted).toBeGreaterThan(approval);
    expect(events[approval].detail.assignee).toBe('TECH_LEAD');
  });
});
