/**
 * Runs shared by the workflow tests and the replay fixtures recorded from them, so a fixture is
 * always a history of a run some test asserts on.
 */
import { WorkflowUpdateStage, type WorkflowUpdateHandle } from '@temporalio/client';
import {
  assignTourGuideUpdate,
  cancelRunUpdate,
  type AccessReport,
} from '../../workflows/definitions';
import { rejected, type Behaviour, type OpenedTask } from './journey-harness';

/** Monday 4 January 2027; 13 January (Liberation Day) is a public holiday in Togo. */
export const START = '2027-01-04';

/**
 * The connector refuses `system` for good; IT provisions it by hand when first reminded of the
 * PROVISION_ACCESS task. Everybody else acts at once.
 */
export function grantRejected(system: string): Behaviour {
  let held: OpenedTask | undefined;
  return {
    onGrant: (s) => {
      if (s === system) throw rejected(`${system}: namespace quota exceeded`);
    },
    onTask: (task, run) => {
      if (task.kind !== 'PROVISION_ACCESS') return run.complete(task);
      held = task;
    },
    onEvent: (event, run) =>
      event.name === 'reminder' && held && event.detail.taskKey === held.taskKey
        ? run.complete(held)
        : undefined,
  };
}

/** The four grants that open together once the directory account exists. */
export const GRANTED_TOGETHER = ['git', 'vpn', 'registry', 'grafana'];
export const CANCEL_REASON = 'offer withdrawn by the candidate';

/**
 * HR cancels while the four grants are all in flight (none returns before the cancellation is
 * accepted). The hire has not acted yet, so the security sign-off tasks are still open.
 */
export function cancelWhileGranting(): {
  behaviour: Behaviour;
  cancellation: Promise<WorkflowUpdateHandle<void>>;
} {
  let arrived = 0;
  let allIn!: () => void;
  const inFlight = new Promise<void>((resolve) => (allIn = resolve));
  let accepted!: (handle: Promise<WorkflowUpdateHandle<void>>) => void;
  const cancellation = new Promise<WorkflowUpdateHandle<void>>((resolve) => (accepted = resolve));
  const behaviour: Behaviour = {
    onTask: (task, run) => (task.assignee === 'HIRE' ? undefined : run.complete(task)),
    onGrant: async (system, run) => {
      if (!GRANTED_TOGETHER.includes(system)) return;
      if (++arrived === GRANTED_TOGETHER.length) allIn();
      await inFlight;
      if (system === 'vpn') {
        accepted(
          run.handle.startUpdate(cancelRunUpdate, {
            args: [{ reason: CANCEL_REASON, actor: run.actorFor('HR') }],
            waitForStage: WorkflowUpdateStage.ACCEPTED,
          }),
        );
      }
      await cancellation;
    },
  };
  return { behaviour, cancellation };
}

export const EXTENDED_TO = '2027-03-19';

/**
 * The tech lead extends the day-60 checkpoint to EXTENDED_TO and escalates the day-90 one to the
 * head of the Digital Factory, who approves; every other task is done at once by its assignee.
 */
export const checkpointDecisions: Required<Pick<Behaviour, 'onTask'>> = {
  onTask: (task, run) => {
    switch (task.taskKey) {
      case 'checkpoint-day-60:review:1':
        return run.complete(task, {
          decision: 'EXTEND',
          newDate: EXTENDED_TO,
          notes: 'module ownership not visible yet',
        });
      case 'checkpoint-day-90:review:1':
        return run.complete(task, {
          decision: 'ESCALATE',
          notes: 'probation recommendation for the head of the DF',
        });
      default:
        return run.complete(task);
    }
  },
};

export const PEER_AT_START = { stepId: 'tour-async-services-and-data-layer', sub: 'peer-kafui' };
export const PEER_IN_FLIGHT = { stepId: 'tour-ci-cd-and-containers', sub: 'peer-afi' };
/** The VPN account the directory lost before day 60 (it shows again by day 90). */
export const VPN_GONE = {
  stepId: 'grant-vpn',
  system: 'vpn',
  expected: 'GRANTED',
  observed: 'ABSENT',
  drift: true,
} as const;

/**
 * Named peer guides and access drift: a peer named at start confirms their tour; HR names a peer
 * for another tour while its confirmation is open, and that peer confirms; the verification
 * before the day-60 review finds the VPN account gone. Everybody else acts at once.
 */
export const peerGuidesAndDrift: Behaviour = {
  tourGuides: { [PEER_AT_START.stepId]: PEER_AT_START.sub },
  onTask: async (task, run) => {
    if (task.taskKey === `${PEER_AT_START.stepId}:confirm`)
      return run.complete(task, {}, { sub: PEER_AT_START.sub, roles: [] });
    if (task.taskKey === `${PEER_IN_FLIGHT.stepId}:confirm`) {
      await run.handle.executeUpdate(assignTourGuideUpdate, {
        args: [{ ...PEER_IN_FLIGHT, guideSub: PEER_IN_FLIGHT.sub, actor: run.actorFor('HR') }],
      });
      return run.complete(task, {}, { sub: PEER_IN_FLIGHT.sub, roles: [] });
    }
    return run.complete(task);
  },
  onVerify: (key, run): AccessReport => {
    const drift = key === 'checkpoint-day-60:1';
    return {
      runId: run.hireId,
      key,
      verifiedAt: '2027-03-05T09:00:00.000Z',
      drift,
      checks: [drift ? VPN_GONE : { ...VPN_GONE, observed: 'PRESENT', drift: false }],
    };
  },
};

/** The last day decided when the trial of a run started on START is ended. */
export const LAST_DAY = '2027-04-02';

/**
 * The trial is ended by the tech lead and co-signed; the leaving journey then revokes on the last
 * day, and its first verification still finds the VPN account (drift): IT is alerted, the grant
 * is revoked again after the plan's retry delay, and the second verification is clean.
 */
export const trialEndedWithDrift: Behaviour = {
  trial: true,
  awaitLeaving: true,
  onTask: (task, run) =>
    task.kind === 'TRIAL_DECISION'
      ? run.complete(task, {
          trialDecision: 'END',
          reason: 'expectations not met',
          lastDay: LAST_DAY,
        })
      : run.complete(task),
  onVerify: (key): AccessReport => ({
    runId: 'run',
    key,
    verifiedAt: new Date().toISOString(),
    drift: key === 'offboarding:1',
    checks:
      key === 'offboarding:1' ? [{ ...VPN_GONE, expected: 'REVOKED', observed: 'PRESENT' }] : [],
  }),
};
