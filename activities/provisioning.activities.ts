/**
 * Access provisioning through connectors (activities/connectors/, docs/connectors.md). A connector
 * grants, revokes and verifies, each idempotently, and answers with an external reference. The
 * workflow input stays free of personal data: the hire's identity is looked up here, by run id.
 * Systems without a configured connector are provisioned by hand: the workflow turns the MANUAL
 * answer into an IT task with a confirm action.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../prisma/client';
import {
  createCredentialHandover,
  withdrawCredentialLinks,
  type HandoverDeps,
} from './connectors/credential-handover';
import type { Credential } from '../domain/sealed-credential';
import { notFound } from './errors';
import { recordAudit } from '../prisma/audit';

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

/** Who the account is for. `username` is derived from the hire id: stable across retries. */
export interface HireIdentity {
  hireId: string;
  username: string;
  email: string;
  fullName: string;
  givenName: string;
  familyName: string;
}

/** What a connector receives: the plan grant plus the hire's identity. */
export interface ConnectorRequest {
  runId: string;
  stepId: string;
  system: string;
  /** Unknown when revoking a grant whose recording never happened (crash before recordGrant). */
  scope?: string;
  hire: HireIdentity;
  externalRef?: string;
}

export interface ConnectorGrant extends GrantResult {
  /**
   * A credential sealed for IT (AES-256-GCM, key from the environment), never in clear. Stored in
   * the audit trail by the activity and never returned to the workflow (it would enter history).
   */
  sealedCredential?: string;
  /**
   * The same credential in clear, for the hire's one-time retrieval link (sealed again under the
   * link's key by the activity). In memory only: stripped before anything is returned or stored.
   */
  credential?: Credential;
}

export interface VerifyResult {
  present: boolean;
  /** False when the connector cannot look (manual systems): no drift is reported then. */
  verifiable?: boolean;
  details?: Record<string, unknown>;
}

export interface Connector {
  grant(req: ConnectorRequest): Promise<ConnectorGrant>;
  revoke(req: ConnectorRequest): Promise<void>;
  verify(req: ConnectorRequest): Promise<VerifyResult>;
  /**
   * The account name of the person with this email, when the target can be searched (ldap by
   * `mail`, scim by `emails.value`): how a person with no onboarding run is found (discovery).
   */
  findUsername?(email: string): Promise<string | undefined>;
}

export const PROVISIONING_REJECTED = 'ProvisioningRejected';
export const PROVISIONING_UNAVAILABLE = 'ProvisioningUnavailable';

/** Raised by connectors when the target system refuses for good (bad scope, unknown group...). */
export function provisioningRejected(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, PROVISIONING_REJECTED);
}

/** Raised by connectors when the target system is down, slow or busy: the activity is retried. */
export function provisioningUnavailable(message: string, cause?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type: PROVISIONING_UNAVAILABLE,
    nonRetryable: false,
    cause: cause instanceof Error ? cause : undefined,
  });
}

export const manualConnector: Connector = {
  grant: () => Promise.resolve({ mode: 'MANUAL' }),
  revoke: () => Promise.resolve(),
  verify: () => Promise.resolve({ present: false, verifiable: false }),
};

/** `h` + the first 12 hex digits of the hire id: a valid LDAP uid, PostgreSQL role and SCIM userName. */
export function usernameFor(hireId: string): string {
  const hex = hireId.replace(/[^0-9a-f]/gi, '').toLowerCase();
  return `h${hex.slice(0, 12)}`;
}

/** `username`: the person's existing account name (no onboarding run), else derived from the id. */
export function identityOf(hire: {
  id: string;
  email: string;
  fullName: string;
  username?: string | null;
}): HireIdentity {
  const parts = hire.fullName.trim().split(/\s+/);
  const familyName = parts.length > 1 ? parts[parts.length - 1] : parts[0];
  return {
    hireId: hire.id,
    username: hire.username ?? usernameFor(hire.id),
    email: hire.email,
    fullName: hire.fullName,
    givenName: parts.length > 1 ? parts.slice(0, -1).join(' ') : parts[0],
    familyName,
  };
}

function provisioningContext(prisma: PrismaClient, connectors: Record<string, Connector>) {
  return {
    connectorFor: (system: string) => connectors[system] ?? manualConnector,
    async hireOf(runId: string): Promise<HireIdentity> {
      const run = await prisma.onboardingRun.findUnique({
        where: { id: runId },
        select: { hire: { select: { id: true, email: true, fullName: true, username: true } } },
      });
      if (!run) throw notFound('Run', runId);
      return identityOf(run.hire);
    },
    findGrant: (runId: string, stepId: string) =>
      prisma.accessGrant.findUnique({ where: { runId_stepId: { runId, stepId } } }),
  };
}

/**
 * `handover`: how generated credentials reach the hire (one-time link by email). Without it they
 * are only sealed for IT in the audit trail.
 */
export function createProvisioningActivities(
  prisma: PrismaClient,
  connectors: Record<string, Connector> = {},
  handover?: HandoverDeps,
) {
  const ctx = provisioningContext(prisma, connectors);
  const handovers = handover && createCredentialHandover(handover);
  return {
    /** Idempotent: a recorded grant is answered from the database, a retried call finds the account. */
    async grantAccess(req: GrantRequest): Promise<GrantResult> {
      const existing = await ctx.findGrant(req.runId, req.stepId);
      if (existing?.status === 'GRANTED')
        return { mode: 'AUTOMATIC', externalRef: existing.externalRef ?? undefined };
      const connector = ctx.connectorFor(req.system);
      if (connector === manualConnector) return { mode: 'MANUAL' };
      const hire = await ctx.hireOf(req.runId);
      const { sealedCredential, credential, ...result } = await connector.grant({ ...req, hire });
      if (sealedCredential)
        await recordAudit(prisma, {
          runId: req.runId,
          actor: 'system:workflow',
          action: 'access.credential_sealed',
          entityType: 'access_grant',
          entityId: req.stepId,
          after: { system: req.system, externalRef: result.externalRef, sealedCredential },
        });
      if (credential && handovers)
        await handovers.issue({
          runId: req.runId,
          stepId: req.stepId,
          system: req.system,
          credential,
        });
      return result;
    },

    /** Revoking something never granted is a success. Manual systems get an IT revoke notice via the audit trail. */
    async revokeAccess(req: {
      runId: string;
      stepId: string;
      system: string;
      /** Revoke again a grant recorded REVOKED that verification still found (leaving drift). */
      force?: boolean;
    }): Promise<void> {
      const grant = await ctx.findGrant(req.runId, req.stepId);
      if (grant?.status === 'REVOKED' && !req.force) return;
      const connector = ctx.connectorFor(req.system);
      if (connector !== manualConnector)
        await connector.revoke({
          ...req,
          scope: grant?.scope,
          hire: await ctx.hireOf(req.runId),
          externalRef: grant?.externalRef ?? undefined,
        });
      await withdrawCredentialLinks(prisma, req.runId, req.stepId);
      await prisma.$transaction(async (tx) => {
        if (grant)
          await tx.accessGrant.update({
            where: { id: grant.id },
            data: { status: 'REVOKED', revokedAt: new Date() },
          });
        await recordAudit(tx, {
          runId: req.runId,
          actor: 'system:workflow',
          action: 'access.revoked',
          entityType: 'access_grant',
          entityId: req.stepId,
          before: grant ? { status: grant.status, externalRef: grant.externalRef } : undefined,
          after: { status: 'REVOKED', system: req.system },
        });
      });
    },
  };
}

export interface AccessVerification {
  stepId: string;
  system: string;
  /** What the database says: GRANTED, REVOKED, or ABSENT when nothing was recorded. */
  expected: 'GRANTED' | 'REVOKED' | 'ABSENT';
  present: boolean;
  verifiable: boolean;
  drift: boolean;
  details?: Record<string, unknown>;
}

/**
 * Reconciliation, kept apart from the journey's activities (registered by the worker): compares
 * the recorded grant with the target system and audits any drift.
 */
export function createAccessVerification(
  prisma: PrismaClient,
  connectors: Record<string, Connector> = {},
) {
  const ctx = provisioningContext(prisma, connectors);
  return {
    async verifyAccess(req: {
      runId: string;
      stepId: string;
      system: string;
    }): Promise<AccessVerification> {
      const grant = await ctx.findGrant(req.runId, req.stepId);
      const expected =
        grant?.status === 'GRANTED' || grant?.status === 'REVOKED' ? grant.status : 'ABSENT';
      const connector = ctx.connectorFor(req.system);
      const found =
        connector === manualConnector
          ? await manualConnector.verify({ ...req, hire: {} as HireIdentity })
          : await connector.verify({
              ...req,
              scope: grant?.scope,
              hire: await ctx.hireOf(req.runId),
              externalRef: grant?.externalRef ?? undefined,
            });
      const verifiable = found.verifiable !== false;
      const drift = verifiable && found.present !== (expected === 'GRANTED');
      if (drift)
        await recordAudit(prisma, {
          runId: req.runId,
          actor: 'system:reconciliation',
          action: 'access.drift_detected',
          entityType: 'access_grant',
          entityId: req.stepId,
          before: { expected, externalRef: grant?.externalRef ?? null },
          after: { system: req.system, present: found.present },
        });
      return {
        ...req,
        expected,
        present: found.present,
        verifiable,
        drift,
        details: found.details,
      };
    },
  };
}
