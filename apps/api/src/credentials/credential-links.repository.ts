/** All database access of the credential retrieval pages: links (hash only), grant, hire, audit. */
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';
import { recordAudit } from '../../../../prisma/audit';

@Injectable()
export class CredentialLinksRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findByHash(tokenHash: string) {
    return this.prisma.credentialLink.findUnique({ where: { tokenHash } });
  }

  async hireOf(runId: string) {
    const run = await this.prisma.onboardingRun.findUnique({
      where: { id: runId },
      select: { hire: { select: { id: true, locale: true } } },
    });
    return run?.hire;
  }

  async grantRevoked(runId: string, stepId: string): Promise<boolean> {
    const grant = await this.prisma.accessGrant.findUnique({
      where: { runId_stepId: { runId, stepId } },
      select: { status: true },
    });
    return grant?.status === 'REVOKED';
  }

  /**
   * Burns the link, atomically: only if it is still unrevealed, unexpired and holds the sealed
   * value the caller opened (a retried grant may have replaced it). The sealed value is wiped in
   * the same UPDATE and the reveal is audited in the same transaction. False: someone was first.
   */
  async reveal(
    link: { id: string; runId: string; stepId: string; system: string; sealed: string },
    actor: string,
  ): Promise<boolean> {
    const at = new Date();
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.credentialLink.updateMany({
        where: { id: link.id, sealed: link.sealed, revealedAt: null, expiresAt: { gt: at } },
        data: { revealedAt: at, sealed: null },
      });
      if (count !== 1) return false;
      await recordAudit(tx, {
        runId: link.runId,
        actor,
        action: 'access.credential_revealed',
        entityType: 'access_grant',
        entityId: link.stepId,
        after: { system: link.system, linkId: link.id },
      });
      return true;
    });
  }
}
