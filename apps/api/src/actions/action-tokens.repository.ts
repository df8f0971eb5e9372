/** All database access of the action pages: tokens (hash only), and the task they point to. */
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';

export interface NewActionToken {
  tokenHash: string;
  runId: string;
  taskKey: string;
  recipient: string;
  expiresAt: Date;
}

@Injectable()
export class ActionTokensRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findByHash(tokenHash: string) {
    return this.prisma.actionToken.findUnique({ where: { tokenHash } });
  }

  /** Links are minted by the worker with their email; this serves tools and tests. */
  create(token: NewActionToken) {
    return this.prisma.actionToken.create({ data: token });
  }

  /**
   * Marks the token used if it is still unused and unexpired, atomically (one UPDATE … WHERE
   * used_at IS NULL AND expires_at > now): of two concurrent submissions exactly one wins.
   * Returns the claim instant, or null when the token was already used or has expired.
   */
  async claim(id: string): Promise<Date | null> {
    const at = new Date();
    const { count } = await this.prisma.actionToken.updateMany({
      where: { id, usedAt: null, expiresAt: { gt: at } },
      data: { usedAt: at },
    });
    return count === 1 ? at : null;
  }

  /** Gives the token back after the workflow refused the submission (only our own claim). */
  async release(id: string, claimedAt: Date): Promise<void> {
    await this.prisma.actionToken.updateMany({
      where: { id, usedAt: claimedAt },
      data: { usedAt: null },
    });
  }

  findTaskContext(runId: string, taskKey: string) {
    return this.prisma.task.findUnique({
      where: { runId_taskKey: { runId, taskKey } },
      include: { run: { include: { hire: true, plan: true } } },
    });
  }
}
