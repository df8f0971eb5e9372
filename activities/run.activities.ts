/** Projects the workflow's progress into the read model, with an audit event per change. */
import type { PrismaClient, RunStatus } from '../prisma/client';
import { notFound } from './errors';

export interface RecordRunProgressInput {
  runId: string;
  status: RunStatus;
  phase: string;
}

export function createRunActivities(prisma: PrismaClient) {
  return {
    /** Idempotent: recording the same status and phase twice changes nothing and audits nothing. */
    async recordRunProgress({ runId, status, phase }: RecordRunProgressInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const run = await tx.onboardingRun.findUnique({ where: { id: runId } });
        if (!run) throw notFound('Run', runId);
        if (run.status === status && run.phase === phase) return;
        const completedAt = status === 'COMPLETED' ? new Date() : run.completedAt;
        await tx.onboardingRun.update({
          where: { id: runId },
          data: { status, phase, completedAt },
        });
        await tx.auditEvent.create({
          data: {
            runId,
            actor: 'system:workflow',
            action: 'run.progress',
            entityType: 'onboarding_run',
            entityId: runId,
            before: { status: run.status, phase: run.phase },
            after: { status, phase },
          },
        });
      });
    },
  };
}
