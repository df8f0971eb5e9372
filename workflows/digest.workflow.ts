/**
 * The tech leads' daily digest, started by the Temporal Schedule `tech-lead-digest-<task queue>`
 * (apps/worker/src/digest-schedule.ts) on working-day mornings. Holidays are skipped by
 * `planTechLeadDigest`; each tech lead's email is sent at most once per day, so a re-run or a
 * manual trigger the same day sends nothing twice.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { planTechLeadDigest } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

// SMTP may be down: keep retrying for a while, but a digest older than its morning is useless
// (tomorrow's digest lists the same tasks).
const { sendTechLeadDigest } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '6 hours',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes' },
});

export interface TechLeadDigestInput {
  /** The instant the digest is for (ISO-8601); the workflow's start time when absent. */
  at?: string;
}

export interface TechLeadDigestResult {
  day: string;
  workingDay: boolean;
  sent: number;
  alreadySent: number;
  nothingToDo: number;
}

export async function techLeadDigest(
  input: TechLeadDigestInput = {},
): Promise<TechLeadDigestResult> {
  const plan = await planTechLeadDigest({ at: input.at ?? new Date().toISOString() });
  const outcomes = await Promise.all(
    plan.recipients.map((techLeadSub) => sendTechLeadDigest({ techLeadSub, day: plan.day })),
  );
  const count = (o: string) => outcomes.filter((x) => x === o).length;
  return {
    day: plan.day,
    workingDay: plan.workingDay,
    sent: count('SENT'),
    alreadySent: count('ALREADY_SENT'),
    nothingToDo: count('NOTHING_TO_DO'),
  };
}
