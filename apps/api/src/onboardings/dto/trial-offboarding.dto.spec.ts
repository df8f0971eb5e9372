import type { Principal } from '../../auth/roles';
import {
  leavingHiddenFrom,
  OffboardingStatusDto,
  TrialStatusDto,
  withoutLeaving,
} from './trial-offboarding.dto';

const who = (roles: string[], sub = 'x'): Principal => ({ sub, roles }) as unknown as Principal;
const step = (kind: string, phase: string, data: unknown) => ({
  stepId: kind === 'TRIAL' ? 'trial-period' : 'offboarding',
  kind,
  phase,
  status: 'IN_PROGRESS',
  dueAt: new Date('2027-04-01T17:00:00Z'),
  completedAt: null,
  title: null,
  data: data as never,
});

describe('trial and leaving on the run detail', () => {
  it('reads the trial from its step and flags an open decision as a risk', () => {
    const trial = TrialStatusDto.fromSteps([
      step('TRIAL', 'TRIAL', {
        status: 'DECISION_OPEN',
        endDate: '2027-04-03',
        lastWorkingDay: '2027-04-02',
        renewed: false,
        renewable: true,
        noticeDays: 8,
      }),
    ]);
    expect(trial).toMatchObject({ status: 'DECISION_OPEN', endDate: '2027-04-03', atRisk: true });
    expect(TrialStatusDto.fromSteps([])).toBeNull();
  });

  it('reads the leaving journey from its step', () => {
    const leaving = OffboardingStatusDto.fromSteps([
      step('OFFBOARDING', 'LEAVING', {
        status: 'DRIFT',
        lastDay: '2027-04-02',
        source: 'HR',
        emergency: true,
        remaining: ['grant-vpn'],
      }),
    ]);
    expect(leaving).toMatchObject({ status: 'DRIFT', emergency: true, remaining: ['grant-vpn'] });
  });

  it('hides both from the hire, not from HR, the head of DF or the run’s tech lead', () => {
    expect(leavingHiddenFrom(who(['HIRE']), 'tl-a')).toBe(true);
    expect(leavingHiddenFrom(who(['TECH_LEAD'], 'tl-b'), 'tl-a')).toBe(true);
    expect(leavingHiddenFrom(who(['TECH_LEAD'], 'tl-a'), 'tl-a')).toBe(false);
    expect(leavingHiddenFrom(who(['HR']), 'tl-a')).toBe(false);
    expect(leavingHiddenFrom(who(['HEAD_OF_DF']), null)).toBe(false);
    const dto = withoutLeaving({
      trial: {},
      offboarding: {},
      steps: [
        { id: 'grant-vpn', kind: 'ACCESS_GRANT', phase: 'ACCESS' },
        { id: 'trial-period', kind: 'TRIAL', phase: 'TRIAL' },
        { id: 'leaving-handover', kind: 'TASK', phase: 'LEAVING' },
      ],
      timeline: [
        { entityId: 'grant-vpn', action: 'step.status' },
        { entityId: 'trial-period:1:END', action: 'trial.decided' },
        { entityId: 'offboarding', action: 'offboarding.started' },
      ],
    });
    expect(dto).toEqual({
      trial: null,
      offboarding: null,
      steps: [{ id: 'grant-vpn', kind: 'ACCESS_GRANT', phase: 'ACCESS' }],
      timeline: [{ entityId: 'grant-vpn', action: 'step.status' }],
    });
  });
});
