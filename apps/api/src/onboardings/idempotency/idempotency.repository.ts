/** Stored answers of requests made under an Idempotency-Key, one row per (caller, key). */
import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '../../../../../prisma/client';
import { PRISMA } from '../../infra/tokens';

export interface StoredRequest {
  requestHash: string;
  /** null while the first request with this key is still running. */
  status: number | null;
  response: Prisma.JsonValue;
}

@Injectable()
export class IdempotencyRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Claims the key for a new request; false when the caller already used it. */
  async claimKey(callerSub: string, key: string, requestHash: string): Promise<boolean> {
    try {
      await this.prisma.idempotencyKey.create({ data: { callerSub, key, requestHash } });
      return true;
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return false;
      throw err;
    }
  }

  /** Takes over a key whose request never finished (its process died) since `staleBefore`. */
  async reclaimAbandonedKey(
    callerSub: string,
    key: string,
    requestHash: string,
    staleBefore: Date,
  ): Promise<boolean> {
    const { count } = await this.prisma.idempotencyKey.updateMany({
      where: { callerSub, key, requestHash, status: null, createdAt: { lt: staleBefore } },
      data: { createdAt: new Date() },
    });
    return count === 1;
  }

  findStoredRequest(callerSub: string, key: string): Promise<StoredRequest | null> {
    return this.prisma.idempotencyKey.findUnique({
      where: { callerSub_key: { callerSub, key } },
      select: { requestHash: true, status: true, response: true },
    });
  }

  async storeResponse(
    callerSub: string,
    key: string,
    status: number,
    response: Prisma.InputJsonValue,
  ): Promise<void> {
    await this.prisma.idempotencyKey.update({
      where: { callerSub_key: { callerSub, key } },
      data: { status, response },
    });
  }

  /** Frees the key after a failure worth retrying (5xx): the retry runs afresh. */
  async releaseKey(callerSub: string, key: string): Promise<void> {
    await this.prisma.idempotencyKey.deleteMany({ where: { callerSub, key, status: null } });
  }
}
