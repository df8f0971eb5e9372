/**
 * Silence, on the time-skipping server: a hire who does not acknowledge the security rules is
 * reminded at the plan's times, then escalated to the tech lead, then HR; a tech lead who does not
 * decide the day-30 checkpoint is escalated to the head of the Digital Factory. The instants are
 * those of the schedule computed from the real plan and Togo's holidays.
 */
import { named, runJourney, timeSkippingEnv, type Event, type OpenedTask } from './journey-harness';
import { START } from './journey-scenarios';

jest.setTimeout(Number(process.env.JOURNEY_TIMEOUT_MS ?? 120_000));

/** Activities are scheduled a few milliseconds after their timer fires: compare to the minute. */
const minute = (at?: string) => at?.slice(0, 16);
const SIGN_OFF = 'security-sign-off';
const REVIEW = 'checkpoint-day-30:review:1';
const isSilent = (taskKey: string) => taskKey.startsWith(`${SIGN_OFF}:`) || taskKey === REVIEW;

describe('nobody answers', () => {
  const env = timeSkippingEnv();
  let outcome: Awaited<ReturnType<typeof runJourney>>;
  beforeAll(async () => {
    const silent = new Map<string, OpenedTask>();
    outcome = await runJourney(env(), START, {
      onTask: (task, run) => {
        if (!isSilent(task.taskKey)) return run.complete(task);
        silent.set(task.taskKey, task);
      },
      // The hire acknowledges once HR has been told; the head of the DF decides once told.
      onEvent: (event, run) => {
        const task = silent.get(String(event.detail.taskKey));
        if (event.name !== 'escalation' || !task) return;
        if (task.taskKey === REVIEW && event.detail.to === 'HEAD_OF_DF') {
          const payload = { decision: 'APPROVE' as const, notes: 'decided on escalation' };
          return run.complete(task, payload, run.actorFor('HEAD_OF_DF'));
        }
        if (event.detail.to === 'HR') return run.complete(task);
      },
    });
  });

  const follow = (taskKey: string) =>
    outcome.run.events.filter(
      (e) =>
        ['reminder', 'escalation', 'task.completed'].includes(e.name) &&
        e.detail.taskKey === taskKey,
    );
  const describeFollowUp = (events: Event[]) =>
    events.map((e) => [e.name, minute(e.at), e.name === 'escalation' ? e.detail.to : undefined]);
  const step = (id: string) => outcome.run.schedule.steps.find((s) => s.id === id)!;

  it('follows up only the silent tasks', () => {
    const followed = new Set(
      [...named(outcome.run.events, 'reminder'), ...named(outcome.run.events, 'escalation')].map(
        (e) => String(e.detail.taskKey),
      ),
    );
    expect([...followed].every(isSilent)).toBe(true);
    expect(followed.size).toBe(step(SIGN_OFF).documents!.length + 1);
  });

  it("places the sign-off's own reminders and the hire's escalations on working days", () => {
    const { reminders, escalations } = step(SIGN_OFF);
    // Due Thursday 7 January: from one working day before, daily, five in all; escalations three
    // and five working days after the due date (13 January is a public holiday).
    expect(reminders.map(minute)).toEqual([
      '2027-01-06T09:00',
      '2027-01-07T09:00',
      '2027-01-08T09:00',
      '2027-01-11T09:00',
      '2027-01-12T09:00',
    ]);
    expect(escalations.map((e) => [minute(e.at), e.to])).toEqual([
      ['2027-01-12T17:00', 'TECH_LEAD'],
      ['2027-01-15T17:00', 'HR'],
    ]);
  });

  it('reminds the hire of each document at those times, then escalates to the tech lead, then HR', () => {
    const { reminders, escalations } = step(SIGN_OFF);
    const expected = [
      ...reminders.map((at) => ['reminder', minute(at), undefined]),
      ...escalations.map((e) => ['escalation', minute(e.at), e.to]),
      ['task.completed', minute(escalations[1].at), undefined],
    ];
    for (const doc of step(SIGN_OFF).documents!) {
      const key = `${SIGN_OFF}:ack:${doc.id}`;
      expect([key, describeFollowUp(follow(key))]).toEqual([key, expected]);
    }
  });

  it('holds the steps that depend on the sign-off until the hire has acknowledged', () => {
    const acknowledged = minute(step(SIGN_OFF).escalations[1].at);
    const opened = (id: string) =>
      minute(outcome.run.events.find((e) => e.name === 'step' && e.detail.stepId === id)?.at);
    expect(opened(SIGN_OFF)).toBe(minute(outcome.run.schedule.welcomeAt));
    // Without the gate these open with the welcome email, on 30 December.
    for (const dependant of [
      'first-merged-change',
      'grant-secrets-manager',
      'grant-production-db-read',
    ]) {
      expect([dependant, opened(dependant)]).toEqual([dependant, acknowledged]);
    }
  });

  it('escalates an undecided checkpoint to the head of the DF, who then decides', () => {
    const { reminders, escalations, opensAt } = step('checkpoint-day-30');
    expect(escalations.map((e) => e.to)).toEqual(['HEAD_OF_DF']);
    // The day-0 reminder falls at the instant the review opens: the opening email stands for it.
    expect(minute(reminders[0])).toBe(minute(opensAt));
    const remindedBefore = reminders.filter((at) => at > opensAt && at < escalations[0].at);
    expect(describeFollowUp(follow(REVIEW))).toEqual([
      ...remindedBefore.map((at) => ['reminder', minute(at), undefined]),
      ['escalation', minute(escalations[0].at), 'HEAD_OF_DF'],
      ['task.completed', minute(escalations[0].at), undefined],
    ]);
    expect(remindedBefore.map(minute)).toEqual(['2027-02-05T09:00']);
    const decision = named(outcome.run.events, 'decision').find(
      (e) => e.detail.stepId === 'checkpoint-day-30',
    );
    expect(decision?.detail).toMatchObject({
      decision: 'APPROVE',
      actor: 'head_of_df-1',
      round: 1,
    });
  });

  it('then carries on to the end', () => {
    expect(outcome.result.status).toBe('COMPLETED');
    expect(Object.values(outcome.result.steps).every((s) => s.status === 'DONE')).toBe(true);
  });
});
