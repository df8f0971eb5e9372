import { loadHolidays } from './holidays';
import { addCalendarMonths, trialDates, trialEndDate } from './trial-period';

const TG = loadHolidays('TG').dates;
const times = { start: '09:00', deadline: '17:00' };

describe('trial period dates', () => {
  it('adds calendar months, clamped to the end of a shorter month', () => {
    expect(addCalendarMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-11-15', 3)).toBe('2028-02-15');
  });

  it('ends the day before the same date three months later', () => {
    expect(trialEndDate('2027-01-04', { calendarMonths: 3 }, TG)).toBe('2027-04-03');
  });

  it('counts working days from the first working day', () => {
    // Mon 2027-01-04 + 5 working days: Mon..Fri of the same week.
    expect(trialEndDate('2027-01-04', { workingDays: 5 }, TG)).toBe('2027-01-08');
  });

  it('opens the decision before the last working day and escalates on it', () => {
    const policy = {
      length: { calendarMonths: 3 },
      renewable: true,
      noticeDays: 8,
      decisionLeadWorkingDays: 10,
    };
    // 2027-04-03 is a Saturday: the last working day is Friday 2027-04-02.
    const d = trialDates(policy, '2027-01-04', '2027-04-03', times, 'Africa/Lome', TG);
    expect(d.lastWorkingDay).toBe('2027-04-02');
    expect(d.decisionOpensAt < d.decisionDueAt).toBe(true);
    expect(d.decisionDueAt < d.escalations[0].at).toBe(true);
    expect(d.escalations.map((e) => e.to)).toEqual(['HEAD_OF_DF', 'HR']);
    expect(d.endsAt).toBe('2027-04-02T17:00:00.000Z');
  });
});
