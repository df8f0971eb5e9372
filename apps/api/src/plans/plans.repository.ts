/** All database access for plan versions: read latest or one version, add the next one. */
import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type Plan as PlanRow, type PrismaClient } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';
import { insertPlanVersion, type PlanKind } from '../../../../prisma/seed-plans';

export class PlanVersionTakenError extends Error {}

@Injectable()
export class PlansRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** The latest version of every plan key (GROUP BY on the (key, version) index). */
  async findLatestOfEachKey(): Promise<PlanRow[]> {
    const latest = await this.prisma.plan.groupBy({
      by: ['key'],
      _max: { version: true },
      orderBy: { key: 'asc' },
    });
    if (latest.length === 0) return [];
    const rows = await this.prisma.plan.findMany({
      where: { OR: latest.map((l) => ({ key: l.key, version: l._max.version ?? 0 })) },
    });
    return rows.sort((a, b) => a.key.localeCompare(b.key));
  }

  findLatest(key: string): Promise<PlanRow | null> {
    return this.prisma.plan.findFirst({ where: { key }, orderBy: { version: 'desc' } });
  }

  findVersion(key: string, version: number): Promise<PlanRow | null> {
    return this.prisma.plan.findUnique({ where: { key_version: { key, version } } });
  }

  /**
   * Stores a new immutable version with its audit event, atomically. Two writers racing for the
   * same version: the unique (key, version) lets one win, the other gets PlanVersionTakenError.
   */
  async createVersion(
    plan: { key: string; version: number },
    kind: PlanKind,
    actor: string,
  ): Promise<PlanRow> {
    try {
      return await this.prisma.$transaction((tx) => insertPlanVersion(tx, plan, actor, kind));
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
        throw new PlanVersionTakenError();
      throw err;
    }
  }
}
