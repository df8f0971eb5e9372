/**
 * The journey's emails to a role or a named person: the task or notice text in the reader's
 * language, the assignee's signed action link (minted per email) and, for tours and checkpoints,
 * a calendar invite. Idempotent per email key: a sent email is neither rendered nor re-sent.
 */
import type { JourneyConfig } from '../../config/env';
import { LEAVING_STEP_PREFIX, stepText } from '../../domain/i18n/plan-text';
import type { OwnerRole } from '../../workflows/definitions';
import { hireActor } from '../../workflows/definitions';
import { createActionLinkMinter } from '../action-links';
import type { ActionRecipient } from '../../domain/action-tokens';
import { createDeliver, type EmailDeps } from '../email.activities';
import { notFound } from '../errors';
import { pinnedLeavingPlan } from '../leaving-plan';
import { renderInvite } from '../templates/ics.template';
import { renderTaskEmail, type NoticeKind } from '../templates/task.template';
import { INSTRUCTIONS, TITLES } from '../../domain/i18n/task-texts';
import { langOf } from '../../domain/i18n/lang';

/** Task kinds whose email carries a calendar invite for the tour or checkpoint. */
const INVITE_KINDS = new Set([
  'CONFIRM_TOUR',
  'ATTEND_TOUR',
  'REVIEW_CHECKPOINT',
  'SELF_ASSESSMENT',
]);
const INVITE_MINUTES = 60;

export interface JourneyDeps extends EmailDeps {
  journey: JourneyConfig;
}

/** One email to a role about a task or the run; `key` (under the run) is its idempotency key. */
export interface RoleEmail {
  runId: string;
  role: OwnerRole;
  key: string;
  notice: NoticeKind;
  /** Task kind or notice template. */
  subjectKey: string;
  stepId: string;
  dueAt?: Date | null;
  occurrence?: number;
  /** Set for task and reminder emails: they carry the assignee's action link. */
  taskKey?: string;
  /** A named person instead of the role's address (a tour's peer guide). */
  person?: Person;
  /** Extra lines shown with the task (e.g. a checkpoint's access verification). */
  facts?: [string, string][];
}

/** A task's named assignee as the email needs them: from `tour_guide`, never from the workflow. */
export interface Person {
  sub: string;
  email: string;
  locale: string;
}

/** The access verification of a checkpoint review, one line per grant (no personal data). */
export function contextFacts(context: Record<string, unknown> | undefined): [string, string][] {
  const v = context?.accessVerification as
    | {
        status: string;
        checks?: {
          stepId: string;
          system: string;
          expected: string;
          observed: string;
          drift: boolean;
        }[];
      }
    | undefined;
  if (!v) return [];
  const lines: [string, string][] = [['Accès / Access', v.status]];
  for (const c of v.checks ?? [])
    lines.push([
      `${c.system} (${c.stepId})`,
      `${c.expected} → ${c.observed}${c.drift ? ' — DRIFT / ÉCART' : ''}`,
    ]);
  return lines;
}

export function createRoleEmailer(deps: JourneyDeps) {
  const { prisma } = deps;
  const deliver = createDeliver(deps);

  async function loadRun(runId: string) {
    const run = await prisma.onboardingRun.findUnique({
      where: { id: runId },
      // The plan snapshot gives the step's title and description in the reader's language.
      include: { hire: true, plan: { select: { definition: true } } },
    });
    if (!run) throw notFound('Run', runId);
    return run;
  }

  /** The workflow subject a role acts with when it follows an action link. */
  function recipientFor(
    run: Awaited<ReturnType<typeof loadRun>>,
    role: OwnerRole,
  ): ActionRecipient | undefined {
    switch (role) {
      case 'HIRE':
        return { role, sub: hireActor(run.hireId) };
      case 'TECH_LEAD':
        return run.techLeadSub ? { role, sub: run.techLeadSub } : undefined;
      case 'IT':
        return { role, sub: `it:${deps.journey.mailboxes.IT}` };
      case 'HR':
        return { role, sub: `hr:${deps.journey.mailboxes.HR}` };
      case 'HEAD_OF_DF':
        return { role, sub: `head-of-df:${deps.journey.mailboxes.HEAD_OF_DF}` };
    }
  }

  /** A fresh signed link per email, keyed by the email's idempotency key (action-links.ts). */
  const mintLink = createActionLinkMinter(prisma, deps.publicBaseUrl, deps.journey.actionLinks);

  async function summaryOf(runId: string) {
    const [tasksDone, acknowledgements, grants] = await Promise.all([
      prisma.task.count({ where: { runId, status: 'DONE' } }),
      prisma.acknowledgement.count({ where: { runId } }),
      prisma.accessGrant.count({ where: { runId, status: 'GRANTED' } }),
    ]);
    return { tasksDone, acknowledgements, grants };
  }

  async function emailRole({
    runId,
    role,
    key,
    notice,
    subjectKey,
    stepId,
    dueAt,
    occurrence,
    taskKey,
    person,
    facts,
  }: RoleEmail): Promise<void> {
    const idempotencyKey = `${runId}:${key}`;
    const logged = await prisma.emailLog.findUnique({ where: { idempotencyKey } });
    if (logged?.status === 'SENT') return; // nothing to render, no link to mint
    const run = await loadRun(runId);
    const to = person
      ? person.email
      : role === 'HIRE'
        ? run.hire.email
        : role === 'TECH_LEAD'
          ? (run.techLeadEmail ?? deps.journey.mailboxes.HR)
          : deps.journey.mailboxes[role];
    const locale = person ? person.locale : role === 'HIRE' ? run.hire.locale : 'fr';
    // Task and reminder emails reach the assignee, who acts through the link.
    const recipient = taskKey
      ? person
        ? { role, sub: person.sub }
        : recipientFor(run, role)
      : undefined;
    const actionUrl = recipient
      ? await mintLink({ runId, taskKey: taskKey!, emailKey: idempotencyKey, recipient })
      : undefined;
    // A leaving task's title comes from the leaving plan version its journey pinned.
    const leaving = stepId.startsWith(LEAVING_STEP_PREFIX);
    const plan = leaving ? await pinnedLeavingPlan(prisma, runId) : run.plan?.definition;
    const text = stepText(plan, stepId, langOf(locale));
    const content = renderTaskEmail({
      locale,
      notice,
      subjectKey,
      stepTitle: text?.title,
      todo: text?.todo,
      checklist: notice === 'task' ? text?.checklist : undefined,
      leaving,
      hireName: run.hire.fullName,
      dueAt: dueAt?.toISOString(),
      timeZone: run.timeZone,
      occurrence,
      link: `${deps.publicBaseUrl}/v1/onboardings/${runId}`,
      actionUrl,
      actionTtlHours: deps.journey.actionLinks.ttlHours,
      summary: subjectKey === 'journey-completed' ? await summaryOf(runId) : undefined,
      brand: deps.journey.brand,
      extraFacts: facts?.length ? facts : undefined,
    });
    if (notice === 'task' && taskKey && dueAt && INVITE_KINDS.has(subjectKey)) {
      const lang = langOf(locale);
      // Checkpoint rounds (`…:<round>`) reschedule the same event: SEQUENCE = round - 1.
      const round = Number(/:(\d+)$/.exec(taskKey)?.[1] ?? 1);
      content.icalEvent = {
        method: 'REQUEST',
        filename: 'invite.ics',
        content: renderInvite({
          runId,
          stepId,
          sequence: round - 1,
          // A one-hour slot ending at the task's due time; people move it in their calendar.
          start: new Date(dueAt.getTime() - INVITE_MINUTES * 60_000),
          end: dueAt,
          summary: `${TITLES[subjectKey][lang]} — ${run.hire.fullName}`,
          description: [INSTRUCTIONS[subjectKey][lang], actionUrl].filter(Boolean).join('\n\n'),
          organizer: /<([^>]+)>/.exec(deps.from)?.[1] ?? deps.from,
          attendee: to,
        }),
      };
    }
    await deliver({
      idempotencyKey,
      runId,
      to,
      template: `${notice}:${subjectKey}`,
      content,
    });
  }

  /** The named assignee of a task (a peer guide), when their contact is on record. */
  async function personFor(
    runId: string,
    stepId: string,
    sub: string | null | undefined,
  ): Promise<Person | undefined> {
    if (!sub) return undefined;
    const guide = await prisma.tourGuide.findUnique({
      where: { runId_stepId: { runId, stepId } },
      select: { sub: true, email: true, locale: true },
    });
    return guide?.sub === sub ? guide : undefined;
  }

  return { emailRole, personFor };
}

export type RoleEmailer = ReturnType<typeof createRoleEmailer>;
