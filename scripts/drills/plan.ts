/**
 * The plan the drills run: two automatic grants through the ldap connector (so a kill lands in
 * the middle of real provisioning) and one hire task (so runs stay in flight until the drill
 * completes them). Every step is due on the start date; reminders are far away, so the emails of
 * a run are a fixed set: welcome, the hire's task, and the completion notices.
 */
import { loadHolidays } from '../../domain/calendar/holidays';
import { addCalendarDays, isWorkingDay } from '../../domain/calendar/working-days';
import type { PlanFile } from '../../domain/plans/plan.schema';

export const DRILL_PLAN_KEY = 'drill';
export const LDAP_GROUPS = ['developers', 'rust-team', 'vpn-users'];

const t = (en: string) => ({ en, fr: en });

export const DRILL_PLAN: PlanFile = {
  key: DRILL_PLAN_KEY,
  version: 1,
  title: t('Failure drill'),
  times: { start: '00:00', deadline: '23:59' },
  preboarding: { welcomeDaysBefore: 0 },
  followUp: {
    reminders: { afterDueWorkingDays: [20], max: 1 },
    escalation: [{ afterWorkingDays: 30, to: 'HEAD_OF_DF' }],
  },
  phases: [
    {
      id: 'first-week',
      title: t('First week'),
      steps: [
        {
          id: 'ldap-account',
          kind: 'ACCESS_GRANT',
          title: t('Directory account'),
          owner: 'IT',
          due: { workingDays: 0 },
          grant: { system: 'ldap', scope: 'developers, rust-team', requiresApproval: false },
        },
        {
          id: 'vpn-access',
          kind: 'ACCESS_GRANT',
          title: t('VPN access'),
          owner: 'IT',
          due: { workingDays: 0 },
          grant: { system: 'vpn', scope: 'vpn-users', requiresApproval: false },
        },
        {
          id: 'read-handbook',
          kind: 'TASK',
          title: t('Read the team handbook'),
          owner: 'HIRE',
          due: { workingDays: 0 },
          dependsOn: ['ldap-account'],
        },
      ],
    },
  ],
};

/**
 * The most recent working day on or before today (UTC, the same date as in Africa/Lome), by the
 * worker's own calendar: weekends, the country's public holidays (`HOLIDAYS_COUNTRY`, default TG)
 * and `HOLIDAYS_EXTRA`. Steps due `workingDays: 0` are due on the start date itself, so every step
 * is already open whatever today is; on a holiday or a weekend a start date of today would push
 * them to the next working day and the drills would wait for tasks that never open.
 */
export function drillStartDate(now = new Date(), env: NodeJS.ProcessEnv = process.env): string {
  const calendar = loadHolidays(
    env.HOLIDAYS_COUNTRY || 'TG',
    (env.HOLIDAYS_EXTRA ?? '').split(','),
  );
  let day = now.toISOString().slice(0, 10);
  while (!isWorkingDay(day, calendar.dates)) day = addCalendarDays(day, -1);
  return day;
}
