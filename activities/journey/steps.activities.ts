/**
 * The run's steps, checkpoint decisions and access grants as the read model shows them. Each
 * projection is keyed by run + step (or decision round) and audited in its transaction, so a
 * retried activity changes nothing twice.
 */
import { recordAuditOnce } from '../../prisma/audit';
import type { PrismaClient } from '../../prisma/client';
import type { CheckpointDecision, ScheduledStep, StepStatus } from '../../workflows/definitions';
import { auditChange, json } from './projection';

export function createStepActivities(prisma: PrismaClient) {
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
        await auditChange(
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

    async recordDecision(input: {
      runId: string;
      stepId: string;
      decision: CheckpointDecision;
      newDate: string | null;
      notes: string | null;
      actor: string;
      round: number;
    }): Promise<void> {
      await recordAuditOnce(prisma, {
        runId: input.runId,
        actor: input.actor,
        action: 'checkpoint.decided',
        entityType: 'run_step',
        entityId: `${input.stepId}:decision:${input.round}`,
        after: json({ decision: input.decision, newDate: input.newDate, notes: input.notes }),
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
        await auditChange(
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
