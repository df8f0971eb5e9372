import { loadPlans } from '../plans/load-plans';
import { loadHolidays } from './holidays';
import { computeSchedule, reminderOffsets, type StepSchedule } from './working-days';

const [{ plan }] = loadPlans();
const togo = loadHolidays('TG').dates;

describe('computeSchedule: the default plan, starting Monday 21 December 2026 in Lomé', () => {
  const schedule = computeSchedule(plan, '2026-12-21', 'Africa/Lome', togo);
  const step = (id: string): StepSchedule => {
    const found = schedule.steps.find((s) => s.stepId === id);
    if (!found) throw new Error(`no step ${id}`);
    return found;
  };
  const dates = (events: { date: string }[]) => events.map((e) => e.date);

  it('sends the welcome email 5 days before the 09:00 start', () => {
    expect(schedule.start).toEqual({ date: '2026-12-21', at: '2026-12-21T09:00:00.000Z' });
    expect(schedule.welcomeEmail).toEqual({ date: '2026-12-16', at: '2026-12-16T09:00:00.000Z' });
    expect(schedule.steps).toHaveLength(29);
  });

  it('dates working-day offsets around Christmas, New Year and 13 January', () => {
    const due = (id: string) => [step(id).dueDate, step(id).dueAt];
    expect(due('grant-directory-account')).toEqual(['2026-12-18', '2026-12-18T17:00:00.000Z']); // -1
    expect(due('grant-git-repositories')).toEqual(['2026-12-21', '2026-12-21T17:00:00.000Z']); // 0
    expect(step('security-sign-off').dueDate).toBe('2026-12-24'); // 3: Tue 22, Wed 23, Thu 24
    expect(step('tour-code-review-practice').dueDate).toBe('2026-12-28'); // 4: over 25-27
    // 10: 22 23 24 28 29 30 31 | 4 5 6 January
    expect(step('grant-production-db-read').dueDate).toBe('2027-01-06');
    // 15: ... 6 7 8 11 12, 13 January is a holiday, 14
    expect(step('first-merged-change').dueDate).toBe('2027-01-14');
  });

  it('dates checkpoints to the calendar day, weekends included', () => {
    expect(step('checkpoint-day-30').dueDate).toBe('2027-01-20');
    expect(step('checkpoint-day-60').dueDate).toBe('2027-02-19');
    expect(step('checkpoint-day-90').dueDate).toBe('2027-03-21'); // a Sunday
  });

  it('schedules reminders at 09:00 on working days counted from the due date', () => {
    // Step override [-1, 0, 1] then every working day, 5 in all.
    expect(dates(step('security-sign-off').reminders)).toEqual([
      ...['2026-12-23', '2026-12-24', '2026-12-28', '2026-12-29', '2026-12-30'],
    ]);
    // Plan default [0, 2] then every 3, 4 in all, from Sunday 21 March: 29 March is Easter Monday.
    expect(step('checkpoint-day-90').reminders).toEqual([
      { date: '2027-03-22', at: '2027-03-22T09:00:00.000Z' },
      { date: '2027-03-23', at: '2027-03-23T09:00:00.000Z' },
      { date: '2027-03-26', at: '2027-03-26T09:00:00.000Z' },
      { date: '2027-04-01', at: '2027-04-01T09:00:00.000Z' },
    ]);
  });

  it('escalates at 17:00 along the ladder of the step, its owner or the plan', () => {
    // HIRE: plan default. 3 working days after Thu 24: 28 29 30; 5: 31, (1 January), 4.
    expect(step('security-sign-off').escalations).toEqual([
      { date: '2026-12-30', at: '2026-12-30T17:00:00.000Z', to: 'TECH_LEAD', afterWorkingDays: 3 },
      { date: '2027-01-04', at: '2027-01-04T17:00:00.000Z', to: 'HR', afterWorkingDays: 5 },
    ]);
    // IT: the owner's ladder [2 → TECH_LEAD, 4 → HEAD_OF_DF] after Wed 6 January.
    expect(step('grant-production-db-read').escalations.map((e) => [e.date, e.to])).toEqual([
      ['2027-01-08', 'TECH_LEAD'],
      ['2027-01-12', 'HEAD_OF_DF'],
    ]);
    // Step override [1 → HEAD_OF_DF, 3 → HR] after Sunday 21 March.
    expect(step('checkpoint-day-90').escalations.map((e) => [e.date, e.to])).toEqual([
      ['2027-03-22', 'HEAD_OF_DF'],
      ['2027-03-24', 'HR'],
    ]);
  });
});

describe('computeSchedule in another time zone', () => {
  it('uses local 09:00 and 17:00 across a DST change (Paris, 28 March 2027)', () => {
    const schedule = computeSchedule(plan, '2027-03-22', 'Europe/Paris', new Set());
    expect(schedule.start.at).toBe('2027-03-22T08:00:00.000Z'); // CET
    expect(schedule.welcomeEmail).toEqual({ date: '2027-03-17', at: '2027-03-17T08:00:00.000Z' });
    const tour = schedule.steps.find((s) => s.stepId === 'tour-async-services-and-data-layer');
    expect(tour?.dueAt).toBe('2027-03-29T15:00:00.000Z'); // 5 working days, CEST
  });
});

describe('reminderOffsets', () => {
  it('repeats after the listed offsets up to max', () => {
    expect(reminderOffsets({ afterDueWorkingDays: [0, 2], everyWorkingDays: 3, max: 4 })).toEqual([
      0, 2, 5, 8,
    ]);
    expect(reminderOffsets({ afterDueWorkingDays: [], everyWorkingDays: 2, max: 2 })).toEqual([
      2, 4,
    ]);
    expect(reminderOffsets({ afterDueWorkingDays: [1, 3], max: 5 })).toEqual([1, 3]);
    expect(reminderOffsets({ afterDueWorkingDays: [0], everyWorkingDays: 1, max: 0 })).toEqual([]);
  });
});
