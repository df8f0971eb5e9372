/**
 * The one rule for dates people send (docs/api.md, "Dates people send"): a hire's start date
 * (start and reschedule), a checkpoint extension, and later the last day of the leaving journey.
 * Pure: `today` and the holidays are arguments, so the API, the console and tests all agree, and
 * it depends only on the calendar's public functions (however the holidays are loaded).
 *
 * - A start date may lie up to `lateWindowWorkingDays` working days before today (a hire
 *   registered a few days late: the already-late steps open at once and show as overdue), and up
 *   to `horizonDays` calendar days after it. A weekend or holiday inside that range is accepted:
 *   steps due on it move to the next working day, as the schedule always does.
 * - A later date (checkpoint extension, last day) must be after today and within the horizon.
 */
import { addCalendarDays, addWorkingDays, isIsoDate, type HolidaySet } from './working-days';

export interface DateRulePolicy {
  /** Working days before today a start date may lie (0: from today only). */
  lateWindowWorkingDays: number;
  /** Calendar days after today a date may lie. */
  horizonDays: number;
}

export const DEFAULT_DATE_RULE_POLICY: DateRulePolicy = {
  lateWindowWorkingDays: 5,
  horizonDays: 366,
};

/** Inclusive bounds, YYYY-MM-DD. */
export interface AllowedRange {
  earliest: string;
  latest: string;
}

export type DateVerdict =
  { ok: true; range: AllowedRange } | { ok: false; reason: string; range: AllowedRange };

/** The local calendar date of an instant in an IANA time zone (YYYY-MM-DD). */
export function localDate(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

export function startDateRange(
  today: string,
  holidays: HolidaySet,
  policy: DateRulePolicy,
): AllowedRange {
  const n = policy.lateWindowWorkingDays;
  return {
    // The n-th working day before today; with n = 0, today itself (even on a weekend).
    earliest: n === 0 ? today : addWorkingDays(today, -n, holidays),
    latest: addCalendarDays(today, policy.horizonDays),
  };
}

function verdict(date: string, range: AllowedRange, tooEarly: string): DateVerdict {
  if (!isIsoDate(date)) {
    return { ok: false, reason: 'must be an existing date formatted YYYY-MM-DD', range };
  }
  if (date < range.earliest) {
    return {
      ok: false,
      reason: `${tooEarly}: allowed from ${range.earliest} to ${range.latest}`,
      range,
    };
  }
  if (date > range.latest) {
    return {
      ok: false,
      reason: `is too far ahead: allowed from ${range.earliest} to ${range.latest}`,
      range,
    };
  }
  return { ok: true, range };
}

/** A hire's first day, at a start or a reschedule. */
export function checkStartDate(
  date: string,
  today: string,
  holidays: HolidaySet,
  policy: DateRulePolicy,
): DateVerdict {
  const range = startDateRange(today, holidays, policy);
  const window = policy.lateWindowWorkingDays;
  return verdict(
    date,
    range,
    window === 0
      ? 'must not be in the past'
      : `is more than ${window} working day${window === 1 ? '' : 's'} in the past`,
  );
}

/** A date that must still be ahead: a checkpoint extension, the last day of a leaving journey. */
export function checkLaterDate(date: string, today: string, policy: DateRulePolicy): DateVerdict {
  const range = {
    earliest: addCalendarDays(today, 1),
    latest: addCalendarDays(today, policy.horizonDays),
  };
  return verdict(date, range, 'must be after today');
}
