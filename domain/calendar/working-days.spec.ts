import {
  addCalendarDays,
  addWorkingDays,
  isWorkingDay,
  workingDaysBetween,
  zonedDateTimeToInstant,
} from './working-days';
import { loadHolidays } from './holidays';

const togo = loadHolidays('TG').dates;
const none = new Set<string>();

describe('working days (Togo calendar)', () => {
  it('skips weekends and public holidays', () => {
    expect(isWorkingDay('2026-12-24', togo)).toBe(true); // Thursday
    expect(isWorkingDay('2026-12-25', togo)).toBe(false); // Christmas, a Friday
    expect(isWorkingDay('2026-12-26', togo)).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-27', togo)).toBe(false); // Sunday
    expect(isWorkingDay('2026-04-27', togo)).toBe(false); // Independence Day, a Monday
    expect(isWorkingDay('2026-12-25', none)).toBe(true);
  });

  it('counts forward over a holiday and a weekend', () => {
    // Friday 25 is Christmas, then the weekend: one working day after Thursday 24 is Monday 28.
    expect(addWorkingDays('2026-12-24', 1, togo)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-24', 1, none)).toBe('2026-12-25');
    expect(addWorkingDays('2026-12-31', 1, togo)).toBe('2027-01-04'); // 1 January, weekend
    expect(addWorkingDays('2027-01-12', 1, togo)).toBe('2027-01-14'); // 13 January
    expect(addWorkingDays('2026-04-03', 1, togo)).toBe('2026-04-07'); // Easter Monday
  });

  it('keeps a working start for n = 0 and moves a non-working one to the next working day', () => {
    expect(addWorkingDays('2026-12-24', 0, togo)).toBe('2026-12-24');
    expect(addWorkingDays('2026-12-25', 0, togo)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-26', 1, togo)).toBe('2026-12-28');
  });

  it('counts backwards for negative n', () => {
    expect(addWorkingDays('2026-12-28', -1, togo)).toBe('2026-12-24');
    expect(addWorkingDays('2027-01-04', -3, togo)).toBe('2026-12-29');
  });

  it('adds calendar days across months and leap years', () => {
    expect(addCalendarDays('2026-12-21', 30)).toBe('2027-01-20');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts the working days between two dates', () => {
    expect(workingDaysBetween('2026-12-24', '2026-12-28', togo)).toBe(1);
    expect(workingDaysBetween('2026-12-28', '2026-12-24', togo)).toBe(-1);
    expect(workingDaysBetween('2026-12-24', '2026-12-24', togo)).toBe(0);
    expect(workingDaysBetween('2026-12-21', '2027-01-14', togo)).toBe(15);
    for (const n of [1, 7, 30, 61]) {
      const to = addWorkingDays('2026-03-16', n, togo);
      expect(workingDaysBetween('2026-03-16', to, togo)).toBe(n);
    }
  });

  it('rejects malformed dates and offsets', () => {
    expect(() => addWorkingDays('2026-02-30', 1, togo)).toThrow(/invalid date '2026-02-30'/);
    expect(() => addCalendarDays('26-12-01', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-12-24', 1.5, togo)).toThrow(/must be an integer/);
    expect(() => isWorkingDay('2026-12-24', new Set(['Christmas']))).toThrow(/Christmas/);
  });
});

describe('zonedDateTimeToInstant', () => {
  const utc = (date: string, time: string, zone: string) =>
    zonedDateTimeToInstant(date, time, zone).toISOString();

  it('is UTC for Lomé', () => {
    expect(utc('2026-12-24', '09:00', 'Africa/Lome')).toBe('2026-12-24T09:00:00.000Z');
  });

  it('follows Paris summer time', () => {
    expect(utc('2026-01-15', '09:00', 'Europe/Paris')).toBe('2026-01-15T08:00:00.000Z');
    expect(utc('2026-07-15', '09:00', 'Europe/Paris')).toBe('2026-07-15T07:00:00.000Z');
    // DST starts on Sunday 29 March 2026 at 02:00 local, ends on Sunday 25 October at 03:00.
    expect(utc('2026-03-29', '01:59', 'Europe/Paris')).toBe('2026-03-29T00:59:00.000Z');
    expect(utc('2026-03-29', '03:00', 'Europe/Paris')).toBe('2026-03-29T01:00:00.000Z');
    expect(utc('2026-10-25', '09:00', 'Europe/Paris')).toBe('2026-10-25T08:00:00.000Z');
  });

  it('moves a skipped time forward and takes the first of a repeated time', () => {
    expect(utc('2026-03-29', '02:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(utc('2026-10-25', '02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z'); // CEST
    expect(utc('2026-10-25', '03:00', 'Europe/Paris')).toBe('2026-10-25T02:00:00.000Z');
  });

  it('handles other offsets and rejects bad input', () => {
    expect(utc('2026-03-08', '09:00', 'America/New_York')).toBe('2026-03-08T13:00:00.000Z');
    expect(utc('2026-01-01', '09:00', 'Asia/Kolkata')).toBe('2026-01-01T03:30:00.000Z');
    expect(() => utc('2026-01-01', '09:00', 'Mars/Olympus')).toThrow(/unknown time zone/);
    expect(() => utc('2026-01-01', '9:00', 'Africa/Lome')).toThrow(/invalid time '9:00'/);
  });
});
