/**
 * The journey's tasks: opened (and emailed to their assignee with an action link), handed to
 * another person, completed, followed up (reminder, escalation) and cancelled. Keyed by run +
 * task key and audited, so a retried activity changes nothing twice and sends nothing twice.
 */
import { recordAudit } from '../../prisma/audit';
import type { PrismaClient } from '../../prisma/client';
import type { OwnerRole, TaskKind, TaskPayload } from '../../workflows/definitions';
import { notFound } from '../errors';
import { auditChange, json } from './projection';
import { contextFacts, type RoleEmailer } from './role-email';

export function createTaskActivities(prisma: PrismaClient, { emailRole, personFor }: RoleEmailer) {
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
    await recordAudit(prisma, {
      runId,
      actor: 'system:workflow',
      action: reminder ? 'task.reminded' : 'task.escalated',
      entityType: 'task',
      entityId: taskKey,
      after: reminder ? { occurrence } : { to, occurrence },
    });
  }

  return {
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
        await auditChange(tx, runId, 'system:workflow', 'task.opened', 'task', taskKey, null, {
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
        await auditChange(
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
        await auditChange(
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

    async cancelOpenTasks({ runId }: { runId: string }): Promise<number> {
      return prisma.$transaction(async (tx) => {
        const open = await tx.task.findMany({ where: { runId, status: 'OPEN' } });
        await tx.task.updateMany({
          where: { runId, status: 'OPEN' },
          data: { status: 'CANCELLED' },
        });
        for (const t of open)
          await auditChange(
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
  };
}
