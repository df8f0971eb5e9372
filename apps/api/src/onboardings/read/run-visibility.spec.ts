import { visibilityOf } from './run-visibility';

describe('visibilityOf', () => {
  it.each(['HR', 'ADMIN', 'HEAD_OF_DF'] as const)('lets %s see every run', (role) => {
    expect(visibilityOf({ sub: 'x', roles: [role] })).toEqual({ all: true });
  });

  it('limits a tech lead to the runs they lead', () => {
    expect(visibilityOf({ sub: 'tl-a', roles: ['TECH_LEAD'] })).toEqual({
      all: false,
      techLeadSub: 'tl-a',
      hireEmail: undefined,
    });
  });

  it('limits a hire to the run of their (lower-cased) email, and to nothing without one', () => {
    expect(visibilityOf({ sub: 'h', roles: ['HIRE'], email: ' Afi@Example.tg' })).toMatchObject({
      all: false,
      hireEmail: 'afi@example.tg',
    });
    expect(visibilityOf({ sub: 'h', roles: ['HIRE'] })).toEqual({
      all: false,
      techLeadSub: undefined,
      hireEmail: undefined,
    });
  });
});
