/**
 * Access provisioning when things go wrong, on the time-skipping server: a connector that refuses
 * a grant for good (manual fallback to IT, the other grants go on), and HR cancelling the run
 * while grants are in flight (every grant sent is revoked, most recent first).
 */
import { activityTimeline } from './journey-history';
import { named, runJourney, timeSkippingEnv, type Event } from './journey-harness';
import {
  CANCEL_REASON,
  GRANTED_TOGETHER,
  START,
  cancelWhileGranting,
  grantRejected,
} from './journey-scenarios';

jest.setTimeout(Number(process.env.JOURNEY_TIMEOUT_MS ?? 120_000));

const minute = (at?: string) => at?.slice(0, 16);
const indexOf = (events: Event[], name: string, detail: Record<string, unknown>) =>
  events.findIndex(
    (e) => e.name === name && Object.entries(detail).every(([k, v]) => e.detail[k] === v),
  );

describe('a grant the connector refuses for good', () => {
  const env = timeSkippingEnv();
  const STEP = 'grant-container-registry';
  const MANUAL = `${STEP}:provision`;
  let outcome: Awaited<ReturnType<typeof runJourney>>;
  beforeAll(async () => {
    outcome = await runJourney(env(), START, grantRejected('registry'));
  });

  it('is not retried, and IT and the head of the DF are told', () => {
    const { events } = outcome.run;
    expect(named(events, 'grant').filter((e) => e.detail.system === 'registry')).toHaveLength(1);
    const failed = named(events, 'notify').filter(
      (e) => e.detail.template === 'provisioning-failed',
    );
    expect(failed.map((e) => e.detail)).toEqual([
      { template: 'provisioning-failed', to: ['IT', 'HEAD_OF_DF'], stepId: STEP },
    ]);
  });

  it('falls back to a PROVISION_ACCESS task for IT, while the other grants go on', () => {
    const { events, schedule } = outcome.run;
    const opened = indexOf(events, 'task.opened', { taskKey: MANUAL });
    const completed = indexOf(events, 'task.completed', { taskKey: MANUAL });
    expect(events[opened].detail.assignee).toBe('IT');
    expect(opened).toBeGreaterThan(indexOf(events, 'notify', { template: 'provisioning-failed' }));
    // The IT task follows the step's policy: IT acts when first reminded.
    const step = schedule.steps.find((s) => s.id === STEP)!;
    expect(minute(events[completed].at)).toBe(minute(step.reminders[0]));
    expect(events[completed].detail.actor).toBe('it-1');

    // Every other grant went through on the welcome day, without waiting for IT.
    const others = schedule.steps.filter((s) => s.kind === 'ACCESS_GRANT' && s.id !== STEP);
    const granted = others.map((other) => {
      const at = indexOf(events, 'granted', { stepId: other.id });
      return [other.id, minute(events[at]?.at), at < completed];
    });
    expect(granted).toEqual(others.map((o) => [o.id, minute(schedule.welcomeAt), true]));
  });

  it('finishes the step with the reference IT gave, then opens what depends on it', () => {
    const { events } = outcome.run;
    const completed = indexOf(events, 'task.completed', { taskKey: MANUAL });
    const granted = indexOf(events, 'granted', { stepId: STEP });
    const done = indexOf(events, 'step', { stepId: STEP, status: 'DONE' });
    expect(events[granted].detail.externalRef).toBe(`manual:${STEP}`);
    expect(completed).toBeLessThan(granted);
    expect(granted).toBeLessThan(done);
    // The step is DONE once the grant is recorded: its dependants open from then on.
    for (const dependant of ['set-up-development-environment', 'tour-ci-cd-and-containers']) {
      const opened = indexOf(events, 'step', { stepId: dependant, status: 'IN_PROGRESS' });
      expect([dependant, opened > granted]).toEqual([dependant, true]);
    }
    expect(outcome.result.status).toBe('COMPLETED');
    expect(outcome.result.steps[STEP].status).toBe('DONE');
  });
});

describe('HR cancels while grants are in flight', () => {
  const env = timeSkippingEnv();
  let outcome: Awaited<ReturnType<typeof runJourney>>;
  let timeline: Awaited<ReturnType<typeof activityTimeline>>;
  let cancelled: Promise<void>;
  beforeAll(async () => {
    const scenario = cancelWhileGranting();
    outcome = await runJourney(env(), START, scenario.behaviour);
    cancelled = scenario.cancellation.then((update) => update.result());
    timeline = await activityTimeline(outcome.run.handle);
  });

  const ofActivity = (activity: string, kind: string) =>
    timeline.filter((e) => e.activity === activity && e.kind === kind);

  it('ends CANCELLED and answers the cancel update', async () => {
    await expect(cancelled).resolves.toBeUndefined();
    expect(outcome.result.status).toBe('CANCELLED');
    expect(outcome.result.phase).toBe('CANCELLED');
    expect(named(outcome.run.events, 'progress').at(-1)?.detail).toMatchObject({
      status: 'CANCELLED',
      reason: CANCEL_REASON,
      actor: 'hr-1',
    });
  });

  it('revokes every access it asked for, in reverse order of granting', () => {
    const { events } = outcome.run;
    const asked = named(events, 'grant').map((e) => e.detail.system);
    expect(new Set(asked)).toEqual(new Set(['ldap', ...GRANTED_TOGETHER]));
    // The order the workflow sent the grants in, as the server recorded it.
    const sent = ofActivity('grantAccess', 'SCHEDULED').map((e) => e.input.stepId);
    const revoked = named(events, 'revoke').map((e) => e.detail.stepId);
    expect(revoked).toEqual([...sent].reverse());
    for (const stepId of sent) expect(outcome.result.steps[String(stepId)].status).toBe('REVOKED');
    // IT hears of each revocation (it removes by hand what was created by hand).
    const toIt = named(events, 'notify').filter((e) => e.detail.template === 'access-revoked');
    expect(toIt.map((e) => e.detail.to)).toEqual(revoked.map(() => ['IT']));
  });

  it('marks the steps that were under way as cancelled', () => {
    const { steps } = outcome.result;
    expect(steps['security-sign-off'].status).toBe('CANCELLED');
    expect(Object.values(steps).some((s) => s.status === 'IN_PROGRESS')).toBe(false);
  });

  it('revokes a grant only after the connector has returned it', () => {
    const done = ofActivity('grantAccess', 'COMPLETED');
    expect(done).toHaveLength(1 + GRANTED_TOGETHER.length);
    for (const revoke of ofActivity('revokeAccess', 'SCHEDULED')) {
      const grant = done.find((g) => g.input.stepId === revoke.input.stepId)!;
      expect(grant.eventId).toBeLessThan(revoke.eventId);
    }
  });

  it('then cancels the open tasks and tells hire, tech lead, HR and IT', () => {
    const { events } = outcome.run;
    const lastRevoke = events.map((e) => e.name).lastIndexOf('revoke');
    const cancelledTasks = events.findIndex((e) => e.name === 'tasks.cancelled');
    expect(cancelledTasks).toBeGreaterThan(lastRevoke);
    expect(events.at(-1)).toMatchObject({
      name: 'notify',
      detail: { template: 'journey-cancelled', to: ['HIRE', 'TECH_LEAD', 'HR', 'IT'] },
    });
    const signOff = outcome.result.tasks.filter((t) => t.stepId === 'security-sign-off');
    expect(signOff).toHaveLength(5);
    expect(signOff.every((t) => t.status === 'CANCELLED')).toBe(true);
    expect(outcome.result.overdue).toEqual([]);
  });
});
