/**
 * The dates of a trial period (période d'essai) on the working-day calendar: its last day, the
 * last working day before it ends, when the tech lead's decision opens and when it escalates.
 * Pure code, run by the schedule activity (never in workflow code: calendar data may change).
 */
import type { TrialPolicy } from '../plans/plan.schema';
import {
  addCalendarDays,
  addWorkingDays,
  isWorkingDay,
  zonedDateTimeToInstant,
  type HolidaySet,
} from './working-days';

export interface TrialDates {
  /** First day of the trial (the start date, or the day after the first period when renewed). */
  from: string;
  /** Last calendar day of the trial (inclusive). */
  endDate: string;
  /** The last working day on or before `endDate`: the decision is due by its start. */
  lastWorkingDay: string;
  /** Instants (ISO): the decision opens, is due, escalates; the trial ends at `endsAt`. */
  decisionOpensAt: string;
  decisionDueAt: string;
  escalations: { at: string; to: 'HEAD_OF_DF' | 'HR' }[];
  endsAt: string;
}

/** `date` + n calendar months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addCalendarMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const month = m - 1 + n;
  const year = y + Math.floor(month / 12);
  const m0 = ((month % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, m0 + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${year}-${String(m0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last day of a period of `length` starting on `from` (inclusive). */
export function trialEndDate(
  from: string,
  length: TrialPolicy['length'],
  holidays: HolidaySet,
): string {
  if ('calendarMonths' in length)
    return addCalendarDays(addCalendarMonths(from, length.calendarMonths), -1);
  return addWorkingDays(addWorkingDays(from, 0, holidays), length.workingDays - 1, holidays);
}

function lastWorkingDayOnOrBefore(date: string, holidays: HolidaySet): string {
  return isWorkingDay(date, holidays) ? date : addWorkingDays(date, -1, holidays);
}

/**
 * Dates of a trial from `from` to `endDate`. The decision opens `decisionLeadWorkingDays` working
 * days before the last working day and is due the working day before it; on the last working day
 * it escalates to the head of the Digital Factory at the start of the day, then to HR at midday.
 */
export function trialDates(
  policy: TrialPolicy,
  from: string,
  endDate: string,
  times: { start: string; deadline: string },
  timeZone: string,
  holidays: HolidaySet,
): TrialDates {
  const at = (date: string, time: string) =>
    zonedDateTimeToInstant(date, time, timeZone).toISOString();
  const lastWorkingDay = lastWorkingDayOnOrBefore(endDate, holidays);
  const opens = addWorkingDays(lastWorkingDay, -policy.decisionLeadWorkingDays, holidays);
  const due = addWorkingDays(lastWorkingDay, -1, holidays);
  return {
    from,
    endDate,
    lastWorkingDay,
    decisionOpensAt: at(opens < from ? from : opens, times.start),
    decisionDueAt: at(due, times.deadline),
    escalations: [
      { at: at(lastWorkingDay, times.start), to: 'HEAD_OF_DF' },
      { at: at(lastWorkingDay, '12:00'), to: 'HR' },
    ],
    endsAt: at(lastWorkingDay, times.deadline),
  };
}
