/**
 * Discovery of the access a person holds who has no onboarding run (docs/journey.md, "Leaving a
 * person with no onboarding run"): their account name is looked up where the target can be
 * searched by email (ldap, scim), then every configured connector is asked through its `verify`;
 * what it holds is recorded as a grant to revoke (`discovered-<system>`, status GRANTED). Manual
 * systems cannot be asked: their grants are given in the request. Runs in the worker, the only
 * process with connector secrets. Idempotent: a retry finds the rows and the audit already there.
 */
import type { PrismaClient } from '../prisma/client';
import type { DiscoveredGrants } from '../workflows/definitions';
import { notFound } from './errors';
import { identityOf, manualConnector, type Connector } from './provisioning.activities';
import { recordAuditOnce } from '../prisma/audit';

export const DISCOVERED_PREFIX = 'discovered-';

export function createGrantDiscovery(
  prisma: PrismaClient,
  connectors: Record<string, Connector> = {},
) {
  /** The first account name a searchable target knows for this email. */
  async function lookUp(email: string, failed: string[]): Promise<string | undefined> {
    for (const [system, c] of Object.entries(connectors)) {
      if (!c.findUsername) continue;
      try {
        const username = await c.findUsername(email);
        if (username) return username;
      } catch {
        failed.push(system);
      }
    }
    return undefined;
  }

  return {
    async discoverGrants({ runId }: { runId: string }): Promise<DiscoveredGrants> {
      const run = await prisma.onboardingRun.findUnique({
        where: { id: runId },
        select: { hire: { select: { id: true, email: true, fullName: true, username: true } } },
      });
      if (!run) throw notFound('Run', runId);
      const result: DiscoveredGrants = { found: [], notAsked: [], failed: [] };
      const username = run.hire.username ?? (await lookUp(run.hire.email, result.failed));
      if (username && !run.hire.username)
        await prisma.hire.update({ where: { id: run.hire.id }, data: { username } });
      const hire = identityOf({ ...run.hire, username });
      for (const [system, c] of Object.entries(connectors)) {
        const stepId = `${DISCOVERED_PREFIX}${system}`;
        if (c === manualConnector) {
          result.notAsked.push(system);
          continue;
        }
        try {
          const seen = await c.verify({ runId, stepId, system, hire });
          if (seen.verifiable === false) result.notAsked.push(system);
          else if (seen.present || seen.details?.held === true)
            result.found.push({ stepId, system });
        } catch {
          if (!result.failed.includes(system)) result.failed.push(system);
        }
      }
      await prisma.$transaction(async (tx) => {
        for (const g of result.found)
          await tx.accessGrant.upsert({
            where: { runId_stepId: { runId, stepId: g.stepId } },
            create: {
              runId,
              stepId: g.stepId,
              system: g.system,
              scope: 'discovered',
              status: 'GRANTED',
              grantedAt: new Date(),
            },
            update: {},
          });
        await recordAuditOnce(tx, {
          runId,
          actor: 'system:workflow',
          action: 'access.discovered',
          entityType: 'access_grant',
          entityId: `${runId}:discovery`,
          after: { ...result, username: username ?? null },
        });
      });
      return result;
    },
  };
}

export type DiscoveryActivities = ReturnType<typeof createGrantDiscovery>;
