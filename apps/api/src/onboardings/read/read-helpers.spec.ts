import { planStepCount, progressPercent } from '../../../../../domain/run-progress';
import { withoutEmails } from './timeline';

describe('run progress', () => {
  it('counts the steps of every phase of the plan snapshot', () => {
    expect(planStepCount({ phases: [{ steps: [1, 2] }, { steps: [3] }, {}] })).toBe(3);
    expect(planStepCount(null)).toBe(0);
  });

  it('rounds to a whole percentage and survives an empty plan', () => {
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(3, 3)).toBe(100);
    expect(progressPercent(2, 0)).toBe(0);
  });
});

describe('withoutEmails', () => {
  it('drops email fields and masks addresses in free text', () => {
    expect(
      withoutEmails({
        techLeadEmail: 'a@b.tg',
        recipient: 'c@d.tg',
        notes: ['write to kodjo.mensah@example.tg'],
        nested: { email: 'x@y.tg', ok: 1, flag: true, none: null },
      }),
    ).toEqual({ notes: ['write to [email]'], nested: { ok: 1, flag: true, none: null } });
  });
});
