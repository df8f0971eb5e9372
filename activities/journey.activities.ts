/**
 * Projections of the journey into the read model (steps, tasks, decisions, acknowledgements,
 * grants) and the emails that go with them. Every function is idempotent: keyed by run + step
 * or task key, so a retried activity changes nothing twice and sends nothing twice.
 */
import type { JourneyConfig } from '../config/env';
import type { Prisma } from '../prisma/client';
import type {
  CheckpointDecision,
  OwnerRole,
  ScheduledStep,
  StepStatus,
  TaskKind,
  TaskPayload,
} from '../workflows/definitions';
import { LEAVING_STEP_PREFIX, stepText } from '../domain/reader-text';
import { hireActor } from '../workflows/definitions';
import { createActionLinkMinter } from './action-links';
import type { ActionRecipient } from './action-tokens';
import { createDeliver, type EmailDeps } from './email.activities';
import { notFound } from './errors';
import { pinnedLeavingPlan } from './leaving-plan';
import { renderInvite } from './templates/ics.template';
import { langOf } from './templates/layout';
import { renderTaskEmail, type NoticeKind } from './templates/task.template';
import { INSTRUCTIONS, TITLES } from './templates/task-texts';

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
interface RoleEmail {
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
interface Person {
  sub: string;
  email: string;
  locale: string;
}

/** The access verification of a checkpoint review, one line per grant (no personal data). */
function contextFacts(context: Record<string, unknown> | undefined): [string, string][] {
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

const json = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as Prisma.InputJsonValue;

export function createJourneyActivities(deps: JourneyDeps) {
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

  async function audit(
    tx: Prisma.TransactionClient,
    runId: string,
    actor: string,
    action: string,
    entityType: string,
    entityId: string,
    before: unknown,
    after: unknown,
  ) {
    await tx.auditEvent.create({
      data: {
        runId,
        actor,
        action,
        entityType,
        entityId,
        before: json(before),
        after: json(after),
      },
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

  /**
   * A reminder (to the task's owner, with its action link) or an escalation (to `to`), sent only
   * while the task is still open, and audited.
   */
  async function followUpOpenTask(input: {
    runId: string;
    taskKey: string;
    occurrence: number;
    notice: 'reminder' | 'escalation';
    to?: OwnerRole;
  }): Promise<void> {
    const { runId, taskKey, occurrence, notice, to } = input;
    const task = await prisma.task.findUnique({ where: { runId_taskKey: { runId, taskKey } } });
    if (!task || task.status !== 'OPEN') return;
    const reminder = notice === 'reminder';
    await emailRole({
      runId,
      role: reminder ? (task.assigneeRole as OwnerRole) : to!,
      key: `${notice}:${taskKey}:${occurrence}`,
      notice,
      subjectKey: task.kind,
      stepId: task.stepId,
      dueAt: task.dueAt,
      occurrence,
      ...(reminder
        ? { taskKey, person: await personFor(runId, task.stepId, task.assigneeSub) }
        : {}),
    });
    await prisma.auditEvent.create({
      data: {
        runId,
        actor: 'system:workflow',
        action: reminder ? 'task.reminded' : 'task.escalated',
        entityType: 'task',
        entityId: taskKey,
        after: reminder ? { occurrence } : { to, occurrence },
      },
    });
  }

  return {
    async recordStep(input: {
      runId: string;
      step: ScheduledStep;
      status: StepStatus;
      data?: Record<string, unknown>;
    }): Promise<void> {
      const { runId, step, status } = input;
      await prisma.$transaction(async (tx) => {
        const before = await tx.runStep.findUnique({
          where: { runId_stepId: { runId, stepId: step.id } },
        });
        if (
          before?.status === status &&
          JSON.stringify(before.data) === JSON.stringify(input.data ?? null)
        )
          return;
        const data = {
          status,
          dueAt: new Date(step.dueAt),
          data: json(input.data),
          completedAt: status === 'DONE' ? new Date() : null,
        };
        await tx.runStep.upsert({
          where: { runId_stepId: { runId, stepId: step.id } },
          create: { runId, stepId: step.id, kind: step.kind, phase: step.phase, ...data },
          update: data,
        });
        await audit(
          tx,
          runId,
          'system:workflow',
          'step.status',
          'run_step',
          step.id,
          before ? { status: before.status } : null,
          { status, ...input.data },
        );
      });
    },

    async openTask(input: {
      runId: string;
      taskKey: string;
      stepId: string;
      kind: TaskKind;
      assignee: OwnerRole;
      dueAt: string;
      documentId?: string;
      assigneeSub?: string;
      context?: Record<string, unknown>;
    }): Promise<void> {
      const { runId, taskKey } = input;
      const created = await prisma.$transaction(async (tx) => {
        const existing = await tx.task.findUnique({ where: { runId_taskKey: { runId, taskKey } } });
        if (existing) return false;
        await tx.task.create({
          data: {
            runId,
            taskKey,
            stepId: input.stepId,
            kind: input.kind,
            assigneeRole: input.assignee,
            assigneeSub: input.assigneeSub ?? null,
            context: input.context ? json(input.context) : undefined,
            dueAt: new Date(input.dueAt),
          },
        });
        await audit(tx, runId, 'system:workflow', 'task.opened', 'task', taskKey, null, {
          kind: input.kind,
          assignee: input.assignee,
          assigneeSub: input.assigneeSub,
          dueAt: input.dueAt,
        });
        return true;
      });
      void created; // the email below is idempotent on its own key
      await emailRole({
        runId,
        role: input.assignee,
        key: `task:${taskKey}`,
        notice: 'task',
        subjectKey: input.kind,
        stepId: input.stepId,
        dueAt: new Date(input.dueAt),
        taskKey,
        person: await personFor(runId, input.stepId, input.assigneeSub),
        facts: contextFacts(input.context),
      });
    },

    /**
     * A task handed to another person while open (a tour's peer guide named or changed): the row
     * shows the new assignee, the change is audited, and the new assignee gets the task email
     * with their own action link (keyed by assignee: each person is emailed once).
     */
    async reassignTask(input: {
      runId: string;
      taskKey: string;
      assigneeSub: string;
      actor: string;
    }): Promise<void> {
      const { runId, taskKey, assigneeSub } = input;
      const task = await prisma.$transaction(async (tx) => {
        const row = await tx.task.findUnique({ where: { runId_taskKey: { runId, taskKey } } });
        if (!row) throw notFound('Task', taskKey);
        if (row.assigneeSub === assigneeSub || row.status !== 'OPEN') return row;
        await tx.task.update({ where: { id: row.id }, data: { assigneeSub } });
        await audit(
          tx,
          runId,
          input.actor,
          'task.reassigned',
          'task',
          taskKey,
          { assigneeSub: row.assigneeSub },
          { assigneeSub },
        );
        return row;
      });
      if (task.status !== 'OPEN') return;
      await emailRole({
        runId,
        role: task.assigneeRole as OwnerRole,
        key: `task:${taskKey}:to:${assigneeSub}`,
        notice: 'task',
        subjectKey: task.kind,
        stepId: task.stepId,
        dueAt: task.dueAt,
        taskKey,
        person: await personFor(runId, task.stepId, assigneeSub),
      });
    },

    async recordTaskCompletion(input: {
      runId: string;
      taskKey: string;
      stepId: string;
      kind: TaskKind;
      documentId?: string;
      actor: string;
      payload: TaskPayload;
    }): Promise<void> {
      const { runId, taskKey, payload } = input;
      await prisma.$transaction(async (tx) => {
        const task = await tx.task.findUnique({ where: { runId_taskKey: { runId, taskKey } } });
        if (!task) throw notFound('Task', taskKey);
        if (task.status === 'DONE') return;
        const at = new Date();
        await tx.task.update({
          where: { id: task.id },
          data: {
            status: 'DONE',
            completedAt: at,
            completedBy: input.actor,
            result: json(payload),
          },
        });
        if (input.kind === 'ACK_DOCUMENT') {
          await tx.acknowledgement.create({
            data: {
              runId,
              stepId: input.stepId,
              documentId: input.documentId ?? input.stepId,
              version: payload.documentVersion!,
              contentHash: payload.contentHash!,
              actor: input.actor,
              at,
            },
          });
        }
        await audit(
          tx,
          runId,
          input.actor,
          'task.completed',
          'task',
          taskKey,
          { status: task.status },
          { status: 'DONE', payload },
        );
      });
    },

    async sendTaskReminder(input: {
      runId: string;
      taskKey: string;
      occurrence: number;
    }): Promise<void> {
      await followUpOpenTask({ ...input, notice: 'reminder' });
    },

    async escalateTask(input: {
      runId: string;
      taskKey: string;
      to: OwnerRole;
      occurrence: number;
    }): Promise<void> {
      await followUpOpenTask({ ...input, notice: 'escalation' });
    },

    async notifyRun({
      runId,
      template,
      to,
      key,
      stepId,
    }: {
      runId: string;
      template: string;
      to: OwnerRole[];
      key: string;
      stepId?: string;
    }): Promise<void> {
      for (const role of to)
        await emailRole({
          runId,
          role,
          key: `notice:${key}:${role}`,
          notice: 'notice',
          subjectKey: template,
          stepId: stepId ?? '-',
        });
    },

    async cancelOpenTasks({ runId }: { runId: string }): Promise<number> {
      return prisma.$transaction(async (tx) => {
        const open = await tx.task.findMany({ where: { runId, status: 'OPEN' } });
        await tx.task.updateMany({
          where: { runId, status: 'OPEN' },
          data: { status: 'CANCELLED' },
        });
        for (const t of open)
          await audit(
            tx,
            runId,
            'system:workflow',
            'task.cancelled',
            'task',
            t.taskKey,
            { status: 'OPEN' },
            { status: 'CANCELLED' },
          );
        return open.length;
      });
    },

    async recordDecision(input: {
      runId: string;
      stepId: string;
      decision: CheckpointDecision;
      newDate: string | null;
      notes: string | null;
      actor: string;
      round: number;
    }): Promise<void> {
      const key = `${input.stepId}:decision:${input.round}`;
      const exists = await prisma.auditEvent.findFirst({
        where: { runId: input.runId, action: 'checkpoint.decided', entityId: key },
      });
      if (exists) return;
      await prisma.auditEvent.create({
        data: {
          runId: input.runId,
          actor: input.actor,
          action: 'checkpoint.decided',
          entityType: 'run_step',
          entityId: key,
          after: json({ decision: input.decision, newDate: input.newDate, notes: input.notes }),
        },
      });
    },

    async recordGrant(input: {
      runId: string;
      stepId: string;
      system: string;
      scope: string;
      externalRef: string | null;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const before = await tx.accessGrant.findUnique({
          where: { runId_stepId: { runId: input.runId, stepId: input.stepId } },
        });
        if (before?.status === 'GRANTED') return;
        await tx.accessGrant.upsert({
          where: { runId_stepId: { runId: input.runId, stepId: input.stepId } },
          create: {
            runId: input.runId,
            stepId: input.stepId,
            system: input.system,
            scope: input.scope,
            status: 'GRANTED',
            externalRef: input.externalRef,
            grantedAt: new Date(),
          },
          update: { status: 'GRANTED', externalRef: input.externalRef, grantedAt: new Date() },
        });
        await audit(
          tx,
          input.runId,
          'system:workflow',
          'access.granted',
          'access_grant',
          input.stepId,
          before ? { status: before.status } : null,
          { system: input.system, scope: input.scope, externalRef: input.externalRef },
        );
      });
    },
  };
}
