/**
 * Access provisioning through connectors. A connector grants, revokes and verifies, idempotently.
 * This change ships the `manual` connector: the workflow turns its MANUAL answer into an IT task
 * with a confirm action. Real connectors (ldap, postgres-role, scim, webhook) plug in here.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../prisma/client';

export interface GrantRequest {
  runId: string;
  stepId: string;
  system: string;
  scope: string;
}

export interface GrantResult {
  mode: 'AUTOMATIC' | 'MANUAL';
  externalRef?: string;
}

export interface Connector {
  grant(req: GrantRequest): Promise<GrantResult>;
  revoke(req: {
    runId: string;
    stepId: string;
    system: string;
    externalRef?: string;
  }): Promise<void>;
}

/** Raised by connectors when the target system refuses for good (bad scope, unknown group...). */
export function provisioningRejected(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'ProvisioningRejected');
}

export const manualConnector: Connector = {
  grant: () => Promise.resolve({ mode: 'MANUAL' }),
  revoke: () => Promise.resolve(),
};

export function createProvisioningActivities(
  prisma: PrismaClient,
  connectors: Record<string, Connector> = {},
) {
  const connectorFor = (system: string) => connectors[system] ?? manualConnector;
  return {
    async grantAccess(req: GrantRequest): Promise<GrantResult> {
      const existing = await prisma.accessGrant.findUnique({
        where: { runId_stepId: { runId: req.runId, stepId: req.stepId } },
      });
      if (existing?.status === 'GRANTED')
        return { mode: 'AUTOMATIC', externalRef: existing.externalRef ?? undefined };
      return connectorFor(req.system).grant(req);
    },

    /** Revoking something never granted is a success. Manual systems get an IT revoke notice via the audit trail. */
    async revokeAccess(req: { runId: string; stepId: string; system: string }): Promise<void> {
      const grant = await prisma.accessGrant.findUnique({
        where: { runId_stepId: { runId: req.runId, stepId: req.stepId } },
      });
      if (grant?.status === 'REVOKED') return;
      await connectorFor(req.system).revoke({
        ...req,
        externalRef: grant?.externalRef ?? undefined,
      });
      await prisma.$transaction(async (tx) => {
        if (grant)
          await tx.accessGrant.update({
            where: { id: grant.id },
            data: { status: 'REVOKED', revokedAt: new Date() },
          });
        await tx.auditEvent.create({
          data: {
            runId: req.runId,
            actor: 'system:workflow',
            action: 'access.revoked',
            entityType: 'access_grant',
            entityId: req.stepId,
            before: grant ? { status: grant.status, externalRef: grant.externalRef } : undefined,
            after: { status: 'REVOKED', system: req.system },
          },
        });
      });
    },
  };
}
