/**
 * The plan the drills run: two automatic grants through the ldap connector (so a kill lands in
 * the middle of real provisioning) and one hire task (so runs stay in flight until the drill
 * completes them). Every step is due on the start date; reminders are far away, so the emails of
 * a run are a fixed set: welcome, the hire's task, and the completion notices.
 */
import type { PlanFile } from '../../config/plans/plan.schema';

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

/** The most recent Monday to Friday on or before today (UTC): every step is already open. */
export function drillStartDate(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
