/**
 * Reconciliation of a whole run: every grant the run recorded is compared with its target system
 * through the connector's `verify` (createAccessVerification). Runs in the worker, the only
 * process that holds connector secrets; the API reaches it through a short workflow and the
 * journey at each checkpoint. A connector that fails is reported (`ERROR`), never thrown: a
 * verification must not block a checkpoint. Each report is audited once per key.
 */
import type { Prisma, PrismaClient } from '../prisma/client';
import type { AccessCheck, AccessReport, VerifyAccessInput } from '../workflows/definitions';
import { createAccessVerification, type Connector } from './provisioning.activities';
import { recordAudit } from '../prisma/audit';

export const ACCESS_VERIFIED = 'access.verified';

function observedOf(r: { present: boolean; verifiable: boolean }): AccessCheck['observed'] {
  if (!r.verifiable) return 'UNKNOWN';
  return r.present ? 'PRESENT' : 'ABSENT';
}

export function createRunAccessVerification(
  prisma: PrismaClient,
  connectors: Record<string, Connector> = {},
) {
  const verifier = createAccessVerification(prisma, connectors);

  async function check(runId: string, grant: { stepId: string; system: string }) {
    try {
      const r = await verifier.verifyAccess({ runId, stepId: grant.stepId, system: grant.system });
      return {
        stepId: grant.stepId,
        system: grant.system,
        expected: r.expected,
        observed: observedOf(r),
        drift: r.drift,
      } satisfies AccessCheck;
    } catch (err) {
      const grantRow = await prisma.accessGrant.findUnique({
        where: { runId_stepId: { runId, stepId: grant.stepId } },
        select: { status: true },
      });
      return {
        stepId: grant.stepId,
        system: grant.system,
        expected: grantRow?.status === 'REVOKED' ? 'REVOKED' : 'GRANTED',
        observed: 'ERROR',
        drift: false,
        // The connector's message names the system and the failure, never a secret.
        error: err instanceof Error ? err.message.slice(0, 300) : 'verification failed',
      } satisfies AccessCheck;
    }
  }

  return {
    /** Idempotent per `key`: a retried activity answers the report it already recorded. */
    async verifyRunAccess(input: VerifyAccessInput): Promise<AccessReport> {
      const entityId = `${input.runId}:${input.key}`;
      const done = await prisma.auditEvent.findFirst({
        where: { runId: input.runId, action: ACCESS_VERIFIED, entityId },
        select: { after: true },
      });
      if (done?.after) return done.after as unknown as AccessReport;
      const grants = await prisma.accessGrant.findMany({
        where: { runId: input.runId },
        select: { stepId: true, system: true },
        orderBy: [{ grantedAt: 'asc' }, { stepId: 'asc' }],
      });
      const checks: AccessCheck[] = [];
      for (const grant of grants) checks.push(await check(input.runId, grant));
      const report: AccessReport = {
        runId: input.runId,
        key: input.key,
        verifiedAt: new Date().toISOString(),
        drift: checks.some((c) => c.drift),
        checks,
      };
      await recordAudit(prisma, {
        runId: input.runId,
        actor: input.actor,
        action: ACCESS_VERIFIED,
        entityType: 'access_grant',
        entityId,
        after: report as unknown as Prisma.InputJsonValue,
      });
      return report;
    },
  };
}

export type VerificationActivities = ReturnType<typeof createRunAccessVerification>;
