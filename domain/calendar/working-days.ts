/**
 * Working-day calendar and plan schedule. Pure and deterministic: no clock, no I/O, no Node
 * built-ins (only Intl for time zones), so the API, the worker and workflow code can all use it.
 * Dates are `YYYY-MM-DD` strings in the run's time zone; instants are ISO-8601 UTC strings so a
 * schedule crosses JSON and Temporal payloads unchanged.
 */
import { resolveFollowUp } from '../plans/plan.rules';
import type { Plan, PlanStep, Role } from '../plans/plan.schema';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export type HolidaySet = ReadonlySet<string>;

function toDay(date: string): number {
  const m = ISO_DATE.exec(date);
  const day = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : NaN;
  if (!Number.isFinite(day) || fromDay(day) !== date) {
    throw new RangeError(`invalid date '${date}': expected an existing YYYY-MM-DD date`);
  }
  return day;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// Day numbers of each holiday set, computed once per set (schedules test thousands of days).
const holidayDays = new WeakMap<HolidaySet, ReadonlySet<number>>();

function isWorking(day: number, holidays: HolidaySet): boolean {
  let days = holidayDays.get(holidays);
  if (!days) {
    days = new Set([...holidays].map(toDay));
    holidayDays.set(holidays, days);
  }
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01, day 0, was a Thursday; 0 is Sunday
  return weekday !== 0 && weekday !== 6 && !days.has(day);
}

function assertInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

/** True for an existing calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  try {
    toDay(value);
    return true;
  } catch {
    return false;
  }
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(date: string, holidays: HolidaySet): boolean {
  return isWorking(toDay(date), holidays);
}

/**
 * n = 0: `start` itself when it is a working day, else the next working day.
 * n > 0: the n-th working day after `start`; n < 0: the |n|-th working day before it.
 */
export function addWorkingDays(start: string, n: number, holidays: HolidaySet): string {
  assertInteger(n, 'working days');
  let day = toDay(start);
  if (n === 0) {
    while (!isWorking(day, holidays)) day += 1;
    return fromDay(day);
  }
  const direction = Math.sign(n);
  for (let left = Math.abs(n); left > 0;) {
    day += direction;
    if (isWorking(day, holidays)) left -= 1;
  }
  return fromDay(day);
}

export function addCalendarDays(date: string, n: number): string {
  assertInteger(n, 'calendar days');
  return fromDay(toDay(date) + n);
}

/**
 * Working days in (from, to]; negative when `to` is before `from`. When both are working days,
 * `addWorkingDays(from, workingDaysBetween(from, to)) === to`.
 */
export function workingDaysBetween(from: string, to: string, holidays: HolidaySet): number {
  const [a, b] = [toDay(from), toDay(to)];
  if (b < a) return -workingDaysBetween(to, from, holidays);
  let count = 0;
  for (let day = a + 1; day <= b; day += 1) if (isWorking(day, holidays)) count += 1;
  return count;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`unknown time zone '${timeZone}'`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** UTC offset of `timeZone` at an instant, in ms (positive east of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return wall + get('second') * 1000 - Math.floor(instant / 1000) * 1000;
}

// Intl formatting is slow (~50 µs); a schedule asks for the same few local times many times.
const instants = new Map<string, number>();

function toInstant(date: string, time: string, timeZone: string): number {
  const m = HH_MM.exec(time);
  if (!m) throw new RangeError(`invalid time '${time}': expected HH:mm`);
  const wall = toDay(date) * DAY_MS + (Number(m[1]) * 60 + Number(m[2])) * 60_000;
  // The offsets a day either side bracket any transition near this wall time.
  const offsets = [offsetAt(wall - DAY_MS, timeZone), offsetAt(wall + DAY_MS, timeZone)];
  if (offsets[0] === offsets[1]) return wall - offsets[0];
  const valid = offsets.map((o) => wall - o).filter((t) => t + offsetAt(t, timeZone) === wall);
  return valid.length > 0 ? Math.min(...valid) : wall - offsets[0];
}

/**
 * The UTC instant of a local wall-clock time in an IANA time zone. Like Temporal's "compatible"
 * rule: a time skipped by a DST jump moves forward by the gap; a repeated time takes the earlier.
 */
export function zonedDateTimeToInstant(date: string, time: string, timeZone: string): Date {
  const key = `${timeZone} ${date} ${time}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    if (instants.size >= 10_000) instants.clear();
    instant = toInstant(date, time, timeZone);
    instants.set(key, instant);
  }
  return new Date(instant);
}

export interface ScheduledAt {
  date: string;
  /** ISO-8601 UTC instant. */
  at: string;
}

export interface StepSchedule {
  stepId: string;
  phaseId: string;
  kind: PlanStep['kind'];
  owner: Role;
  dueDate: string;
  dueAt: string;
  reminders: ScheduledAt[];
  escalations: (ScheduledAt & { to: Role; afterWorkingDays: number })[];
}

export interface PlanSchedule {
  planKey: string;
  planVersion: number;
  startDate: string;
  timeZone: string;
  start: ScheduledAt;
  welcomeEmail: ScheduledAt;
  steps: StepSchedule[];
}

function dueDateOf(step: PlanStep, startDate: string, holidays: HolidaySet): string {
  return 'workingDays' in step.due
    ? addWorkingDays(startDate, step.due.workingDays, holidays)
    : addCalendarDays(startDate, step.due.calendarDays);
}

/** The listed offsets, then every `everyWorkingDays` after the last one, `max` in all. */
export function reminderOffsets(policy: Plan['followUp']['reminders']): number[] {
  const offsets = [...policy.afterDueWorkingDays];
  const every = policy.everyWorkingDays;
  while (every !== undefined && offsets.length < policy.max) {
    offsets.push((offsets.at(-1) ?? 0) + every);
  }
  return offsets.slice(0, policy.max);
}

/**
 * Every dated event of a run: start (`times.start` on the start date), welcome email
 * (`preboarding.welcomeDaysBefore` calendar days earlier, `times.start`), and per step its due
 * date and deadline (`times.deadline`), reminders (`times.start`, counted in working days from
 * the due date) and escalations (`times.deadline`, working days after the due date).
 */
export function computeSchedule(
  plan: Plan,
  startDate: string,
  timeZone: string,
  holidays: HolidaySet,
): PlanSchedule {
  const at = (date: string, time: string): ScheduledAt => ({
    date,
    at: zonedDateTimeToInstant(date, time, timeZone).toISOString(),
  });
  const { start, deadline } = plan.times;
  const steps = plan.phases.flatMap((phase) =>
    phase.steps.map((step): StepSchedule => {
      const dueDate = dueDateOf(step, startDate, holidays);
      const { reminders, escalation } = resolveFollowUp(plan, step);
      const reminderDates = reminderOffsets(reminders).map((n) =>
        addWorkingDays(dueDate, n, holidays),
      );
      return {
        stepId: step.id,
        phaseId: phase.id,
        kind: step.kind,
        owner: step.owner,
        dueDate,
        dueAt: at(dueDate, deadline).at,
        reminders: [...new Set(reminderDates)].map((date) => at(date, start)),
        escalations: escalation.map(({ afterWorkingDays, to }) => ({
          ...at(addWorkingDays(dueDate, afterWorkingDays, holidays), deadline),
          to,
          afterWorkingDays,
        })),
      };
    }),
  );
  return {
    planKey: plan.key,
    planVersion: plan.version,
    startDate,
    timeZone,
    start: at(startDate, start),
    welcomeEmail: at(addCalendarDays(startDate, -plan.preboarding.welcomeDaysBefore), start),
    steps,
  };
}
