/**
 * Hands a generated credential to the hire (docs/connectors.md, "Credential hand-over"): an email
 * with a signed, expiring, single-use link to a page that reveals it once. The credential is sealed
 * under a key derived from the link's token (`linkKey`); the database keeps sha256(token) and the
 * sealed blob, so neither a dump nor the API's configuration can open it without the email.
 * Idempotent by run + step: a retried grant (which resets the password) rotates a link whose email
 * was never sent, or supersedes a sent one with a fresh email.
 */
import type { ActionLinksConfig } from '../../config/env';
import type { PrismaClient } from '../../prisma/client';
import { hashActionToken, signActionToken } from '../../domain/action-tokens';
import { createDeliver, type EmailDeps } from '../email.activities';
import { notFound } from '../errors';
import { renderCredentialEmail } from '../templates/credential.template';
import { linkKey, sealCredential, type Credential } from '../../domain/sealed-credential';
import { recordAudit } from '../../prisma/audit';

export interface HandoverDeps extends EmailDeps {
  actionLinks: ActionLinksConfig;
}

export interface Handover {
  runId: string;
  stepId: string;
  system: string;
  credential: Credential;
}

export const credentialEmailKey = (runId: string, stepId: string, generation: number) =>
  `${runId}:credential:${stepId}:${generation}`;

export function createCredentialHandover(deps: HandoverDeps) {
  const { prisma } = deps;
  const deliver = createDeliver(deps);

  /** The email key to (re)use: the latest link's while its email is unsent, else the next one. */
  async function emailKeyFor(runId: string, stepId: string): Promise<string> {
    const links = await prisma.credentialLink.findMany({
      where: { runId, stepId },
      select: { id: true, emailKey: true },
    });
    const latest = links.find(
      (l) => l.emailKey === credentialEmailKey(runId, stepId, links.length),
    );
    if (!latest) return credentialEmailKey(runId, stepId, 1);
    const email = await prisma.emailLog.findUnique({ where: { idempotencyKey: latest.emailKey } });
    if (email?.status !== 'SENT') return latest.emailKey;
    // That link opens a password the retried grant has just replaced: it stops working.
    await supersede(prisma, { id: latest.id });
    return credentialEmailKey(runId, stepId, links.length + 1);
  }

  return {
    async issue({ runId, stepId, system, credential }: Handover): Promise<void> {
      const run = await prisma.onboardingRun.findUnique({
        where: { id: runId },
        select: { hire: { select: { email: true, fullName: true, locale: true } } },
      });
      if (!run) throw notFound('Run', runId);
      const emailKey = await emailKeyFor(runId, stepId);
      const { secret, ttlHours } = deps.actionLinks;
      const token = signActionToken(secret);
      const row = {
        tokenHash: hashActionToken(token),
        runId,
        stepId,
        system,
        sealed: sealCredential(credential, linkKey(token)),
        expiresAt: new Date(Date.now() + ttlHours * 3_600_000),
        revealedAt: null,
      };
      await prisma.credentialLink.upsert({
        where: { emailKey },
        create: { emailKey, ...row },
        update: row,
      });
      await deliver({
        idempotencyKey: emailKey,
        runId,
        to: run.hire.email,
        template: 'credential-link',
        content: renderCredentialEmail({
          fullName: run.hire.fullName,
          locale: run.hire.locale,
          system,
          url: `${deps.publicBaseUrl}/credentials/${token}`,
          ttlHours,
          brand: deps.brand,
        }),
      });
      await recordAudit(prisma, {
        runId,
        actor: 'system:workflow',
        action: 'access.credential_link_sent',
        entityType: 'access_grant',
        entityId: stepId,
        after: { system, emailKey, expiresAt: row.expiresAt.toISOString() },
      });
    },
  };
}

/** Links of a revoked grant (or a superseded one) reveal nothing any more. */
export async function withdrawCredentialLinks(
  prisma: PrismaClient,
  runId: string,
  stepId: string,
): Promise<void> {
  await supersede(prisma, { runId, stepId });
}

async function supersede(
  prisma: PrismaClient,
  where: { id: string } | { runId: string; stepId: string },
): Promise<void> {
  const now = new Date();
  await prisma.credentialLink.updateMany({
    where: { ...where, sealed: { not: null } },
    data: { sealed: null, expiresAt: now },
  });
}
