import { drillStartDate } from './plan';

const at = (date: string) => new Date(`${date}T10:00:00Z`);
const env = { HOLIDAYS_COUNTRY: 'TG', HOLIDAYS_EXTRA: '' };

describe('drillStartDate', () => {
  it('is today on a working day', () => {
    expect(drillStartDate(at('2026-11-25'), env)).toBe('2026-11-25'); // a Wednesday
  });

  it('is the Friday before on a weekend', () => {
    expect(drillStartDate(at('2026-11-28'), env)).toBe('2026-11-27'); // Saturday
    expect(drillStartDate(at('2026-11-29'), env)).toBe('2026-11-27'); // Sunday
  });

  it('is the working day before a Togolese public holiday', () => {
    // 2026-01-13, Liberation Day (config/holidays/tg.json), a Tuesday
    expect(drillStartDate(at('2026-01-13'), env)).toBe('2026-01-12');
  });

  it('skips the extra holidays too, across a weekend', () => {
    const bridge = { ...env, HOLIDAYS_EXTRA: '2026-11-23,2026-11-24' }; // Monday, Tuesday
    expect(drillStartDate(at('2026-11-24'), bridge)).toBe('2026-11-20');
  });
});
