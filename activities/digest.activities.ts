/**
 * The tech leads' daily digest (docs/emails.md, "Daily digest"). `planTechLeadDigest` decides the
 * day and who gets one; `sendTechLeadDigest` renders and sends one tech lead's digest, at most
 * once per tech lead and day (email idempotency key `digest:tech-lead:<sub>:<day>`).
 */
import { phaseTitle } from '../domain/i18n/plan-text';
import type { JourneyConfig } from '../config/env';
import { loadHolidays } from '../domain/calendar/holidays';
import { isWorkingDay } from '../domain/calendar/working-days';
import { planStepCount, progressPercent } from '../domain/run-progress';
import { createActionLinkMinter } from './action-links';
import { createDeliver, type EmailDeps } from './email.activities';
import { renderDigestEmail, type DigestRun, type DigestTask } from './templates/digest.template';

/** Tasks listed in one digest; the rest are counted ("and N more"). */
export const DIGEST_MAX_TASKS = 50;

const ACTIVE_RUN = ['PENDING', 'RUNNING', 'PAUSED'] as const;

export interface DigestDeps extends EmailDeps {
  journey: JourneyConfig;
  /** Time zone the digest's day is counted in. */
  timeZone: string;
}

export interface DigestPlan {
  /** YYYY-MM-DD in the digest's time zone. */
  day: string;
  workingDay: boolean;
  /** Tech lead subjects with at least one open task (opaque ids, no PII). */
  recipients: string[];
}

export type DigestOutcome = 'SENT' | 'ALREADY_SENT' | 'NOTHING_TO_DO';

export function localDay(at: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);
}

export const digestKey = (techLeadSub: string, day: string): string =>
  `digest:tech-lead:${techLeadSub}:${day}`;

export function createDigestActivities(deps: DigestDeps) {
  const { prisma } = deps;
  const deliver = createDeliver(deps);
  const mintActionLink = createActionLinkMinter(
    prisma,
    deps.publicBaseUrl,
    deps.journey.actionLinks,
  );
  const holidaysOf = (day: string) =>
    loadHolidays(deps.journey.holidaysCountry, deps.journey.extraHolidays, {
      throughYear: Number(day.slice(0, 4)),
    }).dates;
  const runUrl = (runId: string) => `${deps.publicBaseUrl}/v1/onboardings/${runId}`;

  async function runsOf(techLeadSub: string, now: Date): Promise<DigestRun[]> {
    const runs = await prisma.onboardingRun.findMany({
      where: { techLeadSub, status: { in: [...ACTIVE_RUN] } },
      include: {
        hire: { select: { fullName: true } },
        plan: { select: { definition: true } },
      },
      orderBy: { startDate: 'asc' },
    });
    const ids = runs.map((r) => r.id);
    const [done, late] = await Promise.all([
      prisma.runStep.groupBy({
        by: ['runId'],
        where: { runId: { in: ids }, status: 'DONE' },
        _count: true,
      }),
      prisma.task.groupBy({
        by: ['runId'],
        where: { runId: { in: ids }, status: 'OPEN', dueAt: { lt: now } },
        _count: true,
      }),
    ]);
    const count = (rows: { runId: string; _count: number }[]) =>
      new Map(rows.map((r) => [r.runId, r._count]));
    const [finished, overdue] = [count(done), count(late)];
    return runs.map((r) => ({
      hireName: r.hire.fullName,
      phase: r.phase,
      phaseTitle: phaseTitle(r.plan?.definition, r.phase),
      // As the run detail of the admin API computes it: steps done over the plan's steps.
      progressPercent: progressPercent(
        finished.get(r.id) ?? 0,
        planStepCount(r.plan?.definition ?? null),
      ),
      overdueTasks: overdue.get(r.id) ?? 0,
      runUrl: runUrl(r.id),
    }));
  }

  return {
    async planTechLeadDigest({ at }: { at: string }): Promise<DigestPlan> {
      const day = localDay(new Date(at), deps.timeZone);
      if (!isWorkingDay(day, holidaysOf(day))) return { day, workingDay: false, recipients: [] };
      const rows = await prisma.onboardingRun.findMany({
        where: {
          techLeadSub: { not: null },
          status: { in: [...ACTIVE_RUN] },
          // Tasks handed to a named peer (a tour's guide) are theirs, not the tech lead's.
          tasks: { some: { status: 'OPEN', assigneeRole: 'TECH_LEAD', assigneeSub: null } },
        },
        select: { techLeadSub: true },
        distinct: ['techLeadSub'],
        orderBy: { techLeadSub: 'asc' },
      });
      return { day, workingDay: true, recipients: rows.map((r) => r.techLeadSub!) };
    },

    async sendTechLeadDigest({
      techLeadSub,
      day,
    }: {
      techLeadSub: string;
      day: string;
    }): Promise<DigestOutcome> {
      const idempotencyKey = digestKey(techLeadSub, day);
      const logged = await prisma.emailLog.findUnique({ where: { idempotencyKey } });
      if (logged?.status === 'SENT') return 'ALREADY_SENT';
      const now = new Date();
      const openTasks = {
        status: 'OPEN' as const,
        assigneeRole: 'TECH_LEAD',
        OR: [{ assigneeSub: null }, { assigneeSub: techLeadSub }],
        run: { techLeadSub, status: { in: [...ACTIVE_RUN] } },
      };
      const [tasks, more] = await Promise.all([
        prisma.task.findMany({
          where: openTasks,
          include: { run: { include: { hire: { select: { fullName: true } } } } },
          orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
          take: DIGEST_MAX_TASKS,
        }),
        prisma.task.count({ where: openTasks }),
      ]);
      if (tasks.length === 0) return 'NOTHING_TO_DO';
      const lead = await prisma.onboardingRun.findFirst({
        where: { techLeadSub, techLeadEmail: { not: null } },
        orderBy: { createdAt: 'desc' },
        select: { techLeadEmail: true, techLeadName: true },
      });
      const digestTasks: DigestTask[] = [];
      for (const t of tasks) {
        digestTasks.push({
          kind: t.kind,
          hireName: t.run.hire.fullName,
          dueDate: t.dueAt ? localDay(t.dueAt, t.run.timeZone) : undefined,
          overdue: t.dueAt !== null && t.dueAt < now,
          // A fresh personal link per task, rotated if this activity is retried before sending.
          actionUrl: await mintActionLink({
            runId: t.runId,
            taskKey: t.taskKey,
            emailKey: `${idempotencyKey}:${t.runId}:${t.taskKey}`,
            recipient: { role: 'TECH_LEAD', sub: techLeadSub },
          }),
          runUrl: runUrl(t.runId),
        });
      }
      const content = renderDigestEmail({
        locale: 'fr', // role mailboxes get the agency's language (docs/emails.md)
        day,
        recipientName: lead?.techLeadName ?? undefined,
        tasks: digestTasks,
        moreTasks: more - tasks.length,
        runs: await runsOf(techLeadSub, now),
        actionTtlHours: deps.journey.actionLinks.ttlHours,
        brand: deps.journey.brand,
      });
      await deliver({
        idempotencyKey,
        runId: null,
        to: lead?.techLeadEmail ?? deps.journey.mailboxes.HR,
        template: 'digest:tech-lead',
        content,
      });
      return 'SENT';
    },
  };
}
