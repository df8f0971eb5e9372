import type { Principal } from '../auth/roles';
import type { RunTarget } from './access.repository';
import { mayVerify } from './access.service';

const run: RunTarget = {
  id: 'r1',
  workflowId: 'onboarding-h1',
  status: 'RUNNING',
  techLeadSub: 'tl-kossi',
  planId: null,
};
const as = (role: Principal['roles'][number], sub = 'someone'): Principal => ({
  sub,
  roles: [role],
});

describe('who may verify the access of a run', () => {
  it('lets HR, ADMIN and IT verify any run', () => {
    for (const role of ['HR', 'ADMIN', 'IT'] as const) expect(mayVerify(as(role), run)).toBe(true);
  });

  it('lets a tech lead verify only the runs they lead', () => {
    expect(mayVerify(as('TECH_LEAD', 'tl-kossi'), run)).toBe(true);
    expect(mayVerify(as('TECH_LEAD', 'tl-other'), run)).toBe(false);
    expect(mayVerify(as('TECH_LEAD', 'tl-kossi'), { ...run, techLeadSub: null })).toBe(false);
  });

  it('refuses the hire and the head of DF (not in the endpoint roles either)', () => {
    expect(mayVerify(as('HIRE'), run)).toBe(false);
    expect(mayVerify(as('HEAD_OF_DF'), run)).toBe(false);
  });
});
