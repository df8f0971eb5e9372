/**
 * The end of the trial period on the time-skipping server (docs/journey.md, "End of the trial
 * period"): the tech lead confirms, renews once, or ends it with the head of DF's co-signature,
 * which starts the leaving journey; an undecided trial escalates on its last working day.
 */
import type { Behaviour, Event, OpenedTask } from './journey-harness';
import { named, runJourney, timeSkippingEnv, TECH_LEAD } from './journey-harness';
import { LAST_DAY, START, trialEndedWithDrift } from './journey-scenarios';
import { completeTaskUpdate } from '../../workflows/definitions';

jest.setTimeout(Number(process.env.JOURNEY_TIMEOUT_MS ?? 180_000));

const firstTrial = (events: Event[]) => named(events, 'trial')[0].detail.endDate as string;
const decisions = (events: Event[]) =>
  named(events, 'trial.decided').map((e) => [e.detail.decision, e.detail.round]);
const trialSteps = (events: Event[]) =>
  named(events, 'step')
    .filter((e) => e.detail.stepId === 'trial-period')
    .map((e) => (e.detail.data as { status: string }).status);

describe('trial period: confirmed', () => {
  const env = timeSkippingEnv();
  let outcome: Awaited<ReturnType<typeof runJourney>>;
  beforeAll(async () => {
    outcome = await runJourney(env(), START, { trial: true });
  });

  it('records the trial end on the calendar: three months less a day from the start', () => {
    expect(firstTrial(outcome.run.events)).toBe('2027-04-03');
  });

  it('opens the decision for the tech lead before the last working day, with the checkpoints', () => {
    const opened = named(outcome.run.events, 'task.opened').find(
      (e) => e.detail.taskKey === 'trial-period:decision:1',
    )!;
    expect(opened.detail.assignee).toBe('TECH_LEAD');
    expect(opened.detail.context).toMatchObject({
      checkpoints: [],
      trial: { endDate: '2027-04-03' },
    });
    // 10 working days before Friday 2027-04-02 (Easter Monday 2027-03-29 is a holiday in Togo).
    expect(opened.at < '2027-04-02').toBe(true);
    expect(opened.at >= '2027-03-18').toBe(true);
  });

  it('confirms, tells HR and completes the run', () => {
    expect(decisions(outcome.run.events)).toEqual([['CONFIRM', 1]]);
    const told = named(outcome.run.events, 'notify').filter(
      (e) => e.detail.template === 'trial-confirm',
    );
    expect(told.map((e) => e.detail.to)).toEqual([['HR']]);
    expect(trialSteps(outcome.run.events)).toEqual(['RUNNING', 'DECISION_OPEN', 'CONFIRMED']);
    expect(outcome.result.status).toBe('COMPLETED');
    expect(outcome.result.trial?.status).toBe('CONFIRMED');
  });
});

describe('trial period: renewed once, then confirmed', () => {
  const env = timeSkippingEnv();
  let outcome: Awaited<ReturnType<typeof runJourney>>;
  const refused: string[] = [];
  beforeAll(async () => {
    const behaviour: Behaviour = {
      trial: true,
      onTask: async (task: OpenedTask, run) => {
        if (task.taskKey === 'trial-period:decision:1')
          return run.complete(task, { trialDecision: 'RENEW', newDate: '2027-07-03' });
        if (task.taskKey === 'trial-period:decision:2') {
          // A second renewal is refused by the validator; the lead then confirms.
          await run.handle
            .executeUpdate(completeTaskUpdate, {
              args: [
                {
                  taskKey: task.taskKey,
                  actor: run.actorFor('TECH_LEAD'),
                  payload: { trialDecision: 'RENEW', newDate: '2027-09-30' },
                },
              ],
            })
            .catch((err: Error) => refused.push(String((err.cause as Error | undefined)?.message)));
          return run.complete(task, { trialDecision: 'CONFIRM' });
        }
        return run.complete(task);
      },
    };
    outcome = await runJourney(env(), START, behaviour);
  });

  it('recomputes the dates from the day after the first period, to the new end date', () => {
    expect(named(outcome.run.events, 'trial').map((e) => e.detail)).toEqual([
      { endDate: '2027-04-03', renewed: false },
      { endDate: '2027-07-03', renewed: true },
    ]);
  });

  it('refuses a second renewal and records both decisions', () => {
    expect(refused).toEqual([expect.stringContaining('may not be renewed')]);
    expect(decisions(outcome.run.events)).toEqual([
      ['RENEW', 1],
      ['CONFIRM', 2],
    ]);
    expect(outcome.result.trial).toMatchObject({ status: 'CONFIRMED', renewed: true });
  });
});

describe('trial period: ended, co-signed, leaving journey to the last day', () => {
  const env = timeSkippingEnv();
  let outcome: Awaited<ReturnType<typeof runJourney>>;
  beforeAll(async () => {
    outcome = await runJourney(env(), START, trialEndedWithDrift);
  });

  it('waits for the head of DF to co-sign, then ends the trial and tells HR', () => {
    const cosign = named(outcome.run.events, 'task.opened').find(
      (e) => e.detail.taskKey === 'trial-period:cosign:1',
    );
    expect(cosign?.detail.assignee).toBe('HEAD_OF_DF');
    expect(decisions(outcome.run.events)).toEqual([
      ['END', 1],
      ['END_COSIGNED', 1],
    ]);
    expect(trialSteps(outcome.run.events)).toEqual([
      'RUNNING',
      'DECISION_OPEN',
      'AWAITING_COSIGN',
      'ENDED',
    ]);
  });

  it('starts the leaving journey with the decided last day and its four tasks', () => {
    expect(named(outcome.run.events, 'leaving').map((e) => e.detail)).toEqual([
      { lastDay: LAST_DAY },
    ]);
    const leavingTasks = named(outcome.run.events, 'task.opened')
      .filter((e) => String(e.detail.taskKey).startsWith('leaving-'))
      .map((e) => [e.detail.taskKey, e.detail.assignee]);
    // They open together: compared in the plan's order.
    const order = ['handover', 'return-equipment', 'exit-conversation', 'knowledge-transfer'];
    const rank = (t: unknown[]) => order.findIndex((id) => String(t[0]).includes(id));
    expect(leavingTasks.sort((a, b) => rank(a) - rank(b))).toEqual([
      ['leaving-handover:task', 'TECH_LEAD'],
      ['leaving-return-equipment:task', 'IT'],
      ['leaving-exit-conversation:task', 'HR'],
      ['leaving-knowledge-transfer:task', 'HIRE'],
    ]);
  });

  it('revokes every grant, most recent first, at the end of the last working day', () => {
    const granted = named(outcome.run.events, 'granted').map((e) => e.detail.stepId);
    const revokes = named(outcome.run.events, 'revoke');
    expect(revokes.slice(0, granted.length).map((e) => e.detail.stepId)).toEqual(
      [...granted].reverse(),
    );
    expect(revokes.every((e) => e.at >= `${LAST_DAY}T17:00:00.000Z`)).toBe(true);
  });

  it('alerts IT on drift, revokes the grant still found again after an hour, until clean', () => {
    const verified = named(outcome.run.events, 'access.verified').filter((e) =>
      String(e.detail.key).startsWith('offboarding:'),
    );
    expect(verified.map((e) => [e.detail.key, e.detail.drift])).toEqual([
      ['offboarding:1', true],
      ['offboarding:2', false],
    ]);
    const alerts = named(outcome.run.events, 'notify').filter(
      (e) => e.detail.template === 'access-drift' && e.detail.stepId === 'offboarding',
    );
    expect(alerts.map((e) => e.detail.to)).toEqual([['IT']]);
    const again = named(outcome.run.events, 'revoke').slice(-1)[0];
    expect(again.detail.stepId).toBe('grant-vpn');
    expect(Date.parse(again.at) - Date.parse(verified[0].at)).toBeGreaterThanOrEqual(3_600_000);
    expect(outcome.run.leaving).toMatchObject({
      status: 'COMPLETED',
      lastDay: LAST_DAY,
      emergency: false,
      verifications: 2,
    });
  });
});

describe('trial period: undecided', () => {
  const env = timeSkippingEnv();
  let outcome: Awaited<ReturnType<typeof runJourney>>;
  beforeAll(async () => {
    const behaviour: Behaviour = {
      trial: true,
      // The lead decides only once HR has been told the trial lapsed.
      onTask: (task, run) => (task.kind === 'TRIAL_DECISION' ? undefined : run.complete(task)),
      onEvent: async (event, run) => {
        if (event.name === 'notify' && event.detail.template === 'trial-lapsed')
          await run.complete(
            {
              taskKey: 'trial-period:decision:1',
              stepId: 'trial-period',
              kind: 'TRIAL_DECISION',
              assignee: 'TECH_LEAD',
            },
            { trialDecision: 'CONFIRM' },
            { sub: TECH_LEAD, roles: ['TECH_LEAD'] },
          );
      },
    };
    outcome = await runJourney(env(), START, behaviour);
  });

  it('escalates up the ladder on the last working day: head of DF, then HR', () => {
    const rungs = named(outcome.run.events, 'escalation').filter(
      (e) => e.detail.taskKey === 'trial-period:decision:1',
    );
    expect(rungs.map((e) => [e.detail.to, e.at.slice(0, 10)])).toEqual([
      ['HEAD_OF_DF', '2027-04-02'],
      ['HR', '2027-04-02'],
    ]);
  });

  it('records the lapse, tells HR and the head of DF, and still takes the late decision', () => {
    expect(trialSteps(outcome.run.events)).toEqual([
      'RUNNING',
      'DECISION_OPEN',
      'LAPSED',
      'CONFIRMED',
    ]);
    expect(decisions(outcome.run.events)).toEqual([['CONFIRM', 1]]);
  });
});
