/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a caller retrying a request with
 * the same key and the same body gets the first answer again (same status, same body), without
 * a second effect. The same key with another body is a client error (422). Answers kept: the
 * success and any 4xx problem; a 5xx frees the key so that the retry runs afresh.
 */
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Prisma } from '../../../../../prisma/client';
import { ProblemException, ProblemType, type ProblemBody } from '../../http/problem';
import { IdempotencyRepository, type StoredRequest } from './idempotency.repository';

/** A key still marked in progress after this long belongs to a request that died. */
export const ABANDONED_AFTER_MS = 120_000;

const KEY = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentRequest {
  callerSub: string;
  key: string;
  /** The validated, normalised request body. */
  body: object;
}

/** JSON with sorted object keys: the same body hashes the same whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(body: object): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

@Injectable()
export class IdempotencyService {
  constructor(private readonly keys: IdempotencyRepository) {}

  /** Runs `operation` once per (caller, key); replays its answer for a retry. */
  async once<T extends object>(
    request: IdempotentRequest,
    successStatus: number,
    operation: () => Promise<T>,
  ): Promise<T> {
    const { callerSub, key } = request;
    if (!KEY.test(key)) {
      throw ProblemException.validation([
        { name: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters' },
      ]);
    }
    const hash = requestHash(request.body);
    const claimed =
      (await this.keys.claimKey(callerSub, key, hash)) ||
      (await this.keys.reclaimAbandonedKey(
        callerSub,
        key,
        hash,
        new Date(Date.now() - ABANDONED_AFTER_MS),
      ));
    if (!claimed) return this.replay<T>(await this.keys.findStoredRequest(callerSub, key), hash);
    try {
      const result = await operation();
      await this.keys.storeResponse(callerSub, key, successStatus, result);
      return result;
    } catch (err) {
      if (err instanceof ProblemException && err.problem.status < 500) {
        await this.keys.storeResponse(
          callerSub,
          key,
          err.problem.status,
          err.problem as Prisma.InputJsonValue,
        );
      } else {
        await this.keys.releaseKey(callerSub, key);
      }
      throw err;
    }
  }

  private replay<T>(stored: StoredRequest | null, hash: string): T {
    if (!stored) {
      // Released by a failed first attempt between our claim and this read: ask for a retry.
      throw ProblemException.conflict('The first request with this Idempotency-Key failed; retry', {
        code: 'IdempotencyKeyReleased',
      });
    }
    if (stored.requestHash !== hash) {
      throw new ProblemException({
        type: ProblemType.UNPROCESSABLE,
        title: 'Unprocessable request',
        status: 422,
        detail: 'This Idempotency-Key was already used with a different request body',
        code: 'IdempotencyKeyReused',
      });
    }
    if (stored.status === null) {
      throw ProblemException.conflict('A request with this Idempotency-Key is still in progress', {
        code: 'IdempotencyKeyInProgress',
      });
    }
    if (stored.status >= 400) throw new ProblemException(stored.response as ProblemBody);
    // Stored from a T by once(): JSON data of the same shape.
    return stored.response as T;
  }
}
