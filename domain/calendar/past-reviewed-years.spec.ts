import { loadPlans } from '../plans/load-plans';
import { libraryHolidays, loadHolidays, unreviewedYears } from './holidays';
import { computeSchedule, isWorkingDay } from './working-days';

const [{ plan }] = loadPlans();

describe('holidays past the reviewed file', () => {
  const togo = loadHolidays('TG');

  it('takes the library as the baseline for a year the file does not cover', () => {
    expect([...togo.reviewedYears]).toEqual([2026, 2027]);
    // 2028: Liberation Day (Thursday), Easter Monday, Whit Monday, Independence Day.
    for (const date of ['2028-01-13', '2028-04-17', '2028-06-05', '2028-04-27']) {
      expect(isWorkingDay(date, togo.dates)).toBe(false);
    }
    expect(isWorkingDay('2028-01-12', togo.dates)).toBe(true);
  });

  it('keeps the reviewed file authoritative for the years it covers', () => {
    // The library estimates Eid al-Fitr 2026 on 21 March; the reviewed file says 20 March.
    expect(libraryHolidays('TG', 2026).map((h) => h.date)).toContain('2026-03-21');
    expect(togo.dates.has('2026-03-20')).toBe(true);
    expect(togo.dates.has('2026-03-21')).toBe(false);
  });

  it('covers any year asked for, extra dates on top', () => {
    const later = loadHolidays('TG', ['2041-01-02'], { throughYear: 2041 });
    expect(later.years).toEqual({ from: 2026, to: 2041 });
    expect(later.dates.has('2041-12-25')).toBe(true);
    expect(later.dates.has('2041-01-02')).toBe(true);
    expect(unreviewedYears(later, '2040-12-01', '2041-02-01')).toEqual([2040, 2041]);
  });
});

describe('a run started in November 2027 (Friday 12th) in Lomé', () => {
  const calendar = loadHolidays('TG', [], { throughYear: 2029 });
  const schedule = computeSchedule(plan, '2027-11-12', 'Africa/Lome', calendar.dates);
  const step = (id: string) => schedule.steps.find((s) => s.stepId === id)!;

  it('dates its 90-day checkpoint in 2028, flagged as not reviewed', () => {
    expect(step('checkpoint-day-90').dueDate).toBe('2028-02-10');
    const last = schedule.steps
      .flatMap((s) => s.escalations.map((e) => e.date))
      .sort()
      .at(-1)!;
    expect(unreviewedYears(calendar, '2027-11-12', last)).toEqual([2028]);
    expect(unreviewedYears(calendar, '2027-11-12', '2027-12-31')).toEqual([]);
  });

  it('skips 2028 public holidays in working-day follow-ups (13 January, Liberation Day)', () => {
    // Day-60 checkpoint on Tuesday 11 January; reminders after 0 and 2 working days: Wed 12,
    // Thu 13 is a holiday, so Friday 14 (weekends only would have said Thursday 13).
    const day60 = step('checkpoint-day-60');
    expect(day60.dueDate).toBe('2028-01-11');
    expect(day60.reminders.map((r) => r.date).slice(0, 2)).toEqual(['2028-01-11', '2028-01-14']);
  });
});
