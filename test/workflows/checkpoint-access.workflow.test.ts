/**
 * Reconciliation at each checkpoint on the time-skipping server: before the review opens, the
 * workflow verifies the run's access (verifyRunAccess), shows the outcome to the reviewer with the
 * review task, and alerts IT once when a target system has drifted from what the run granted.
 */
import { named, runJourney, timeSkippingEnv } from './journey-harness';
import { PEER_IN_FLIGHT, START, VPN_GONE, peerGuidesAndDrift } from './journey-scenarios';

jest.setTimeout(Number(process.env.JOURNEY_TIMEOUT_MS ?? 120_000));

const CHECKPOINTS = ['checkpoint-day-30', 'checkpoint-day-60', 'checkpoint-day-90'];
describe('access verified at each checkpoint', () => {
  const env = timeSkippingEnv();
  let outcome: Awaited<ReturnType<typeof runJourney>>;
  beforeAll(async () => {
    outcome = await runJourney(env(), START, peerGuidesAndDrift);
  });

  it('verifies once per checkpoint, before its review opens', () => {
    const events = outcome.run.events;
    expect(named(events, 'access.verified').map((e) => e.detail.key)).toEqual(
      CHECKPOINTS.map((id) => `${id}:1`),
    );
    for (const id of CHECKPOINTS) {
      const verified = events.findIndex(
        (e) => e.name === 'access.verified' && e.detail.key === `${id}:1`,
      );
      const review = events.findIndex(
        (e) => e.name === 'task.opened' && e.detail.taskKey === `${id}:review:1`,
      );
      expect(verified).toBeGreaterThanOrEqual(0);
      expect(review).toBeGreaterThan(verified);
    }
  });

  it('shows the outcome to the reviewer with the review task', () => {
    const reviews = named(outcome.run.events, 'task.opened').filter((e) =>
      String(e.detail.taskKey).includes(':review:'),
    );
    expect(reviews.map((e) => e.detail.context)).toEqual([
      {
        accessVerification: expect.objectContaining({
          status: 'OK',
          checks: [expect.objectContaining({ observed: 'PRESENT', drift: false }) as unknown],
        }) as unknown,
      },
      {
        accessVerification: expect.objectContaining({
          status: 'DRIFT',
          checks: [VPN_GONE],
        }) as unknown,
      },
      { accessVerification: expect.objectContaining({ status: 'OK' }) as unknown },
    ]);
  });

  it('alerts IT once, for the checkpoint whose verification found drift', () => {
    const alerts = named(outcome.run.events, 'notify').filter(
      (e) => e.detail.template === 'access-drift',
    );
    expect(alerts.map((e) => e.detail)).toEqual([
      { template: 'access-drift', to: ['IT'], stepId: 'checkpoint-day-60' },
    ]);
    expect(outcome.result.status).toBe('COMPLETED');
  });

  it('lets the peers confirm their tours in the same run', () => {
    const confirmed = named(outcome.run.events, 'task.completed').find(
      (e) => e.detail.taskKey === `${PEER_IN_FLIGHT.stepId}:confirm`,
    );
    expect(confirmed?.detail.actor).toBe(PEER_IN_FLIGHT.sub);
  });

  it('records the outcome in the checkpoint step (read model)', () => {
    const recorded = named(outcome.run.events, 'step')
      .filter(
        (e) =>
          e.detail.status === 'IN_PROGRESS' && String(e.detail.stepId).startsWith('checkpoint-'),
      )
      .map((e) => e.detail);
    expect(recorded).toEqual(
      expect.arrayContaining([
        {
          stepId: 'checkpoint-day-60',
          status: 'IN_PROGRESS',
          data: { round: 1, accessDrift: true, accessVerifiedAt: '2027-03-05T09:00:00.000Z' },
        },
        {
          stepId: 'checkpoint-day-30',
          status: 'IN_PROGRESS',
          data: { round: 1, accessDrift: false, accessVerifiedAt: '2027-03-05T09:00:00.000Z' },
        },
      ]),
    );
  });
});
