/** Projects the run's status and phase into the read model, with an audit event per change. */
import type { PrismaClient, RunStatus } from '../prisma/client';
import { notFound } from './errors';
import { recordAudit } from '../prisma/audit';

export interface RecordRunProgressInput {
  runId: string;
  status: RunStatus;
  phase: string;
  /** Workflow-side sequence: an older projection arriving late never overwrites a newer one. */
  seq?: number;
  techLeadSub?: string;
  reason?: string;
  actor?: string;
}

export function createRunActivities(prisma: PrismaClient) {
  return {
    /** Idempotent: recording the same progress twice changes nothing and audits nothing. */
    async recordRunProgress(input: RecordRunProgressInput): Promise<void> {
      const { runId, status, phase, seq = 0 } = input;
      await prisma.$transaction(async (tx) => {
        const run = await tx.onboardingRun.findUnique({ where: { id: runId } });
        if (!run) throw notFound('Run', runId);
        if (seq > 0 && seq <= run.progressSeq) return;
        const techLeadSub = input.techLeadSub ?? run.techLeadSub;
        if (run.status === status && run.phase === phase && run.techLeadSub === techLeadSub) return;
        const terminal = status === 'COMPLETED' || status === 'CANCELLED';
        await tx.onboardingRun.update({
          where: { id: runId },
          data: {
            status,
            phase,
            techLeadSub,
            progressSeq: Math.max(seq, run.progressSeq),
            completedAt: terminal ? (run.completedAt ?? new Date()) : run.completedAt,
            cancelReason: input.reason ?? run.cancelReason,
          },
        });
        await recordAudit(tx, {
          runId,
          actor: input.actor ?? 'system:workflow',
          action:
            status !== run.status
              ? `run.${status.toLowerCase()}`
              : techLeadSub !== run.techLeadSub
                ? 'run.tech-lead-reassigned'
                : 'run.phase',
          entityType: 'onboarding_run',
          entityId: runId,
          before: { status: run.status, phase: run.phase, techLeadSub: run.techLeadSub },
          after: {
            status,
            phase,
            techLeadSub,
            ...(input.reason ? { reason: input.reason } : {}),
          },
        });
      });
    },
  };
}
