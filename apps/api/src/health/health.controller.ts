/** Liveness and readiness probes (public, no data). */
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PrismaClient } from '../../../../prisma/client';
import { Public } from '../auth/roles';
import { TemporalGateway } from '../infra/temporal-gateway';
import { PRISMA } from '../infra/tokens';
import { ProblemException } from '../http/problem';

const CHECK_TIMEOUT_MS = 2_000;

function within<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref(),
    ),
  ]);
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly temporal: TemporalGateway,
  ) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness (public)' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary: 'Readiness: PostgreSQL and Temporal reachable (public); 503 problem otherwise',
  })
  async ready(): Promise<{ status: 'ok'; checks: Record<string, 'up'> }> {
    try {
      await within(this.prisma.$queryRaw`SELECT 1`);
    } catch {
      throw ProblemException.unavailable('PostgreSQL');
    }
    try {
      await this.temporal.ping(CHECK_TIMEOUT_MS);
    } catch {
      throw ProblemException.unavailable('Temporal');
    }
    return { status: 'ok', checks: { postgresql: 'up', temporal: 'up' } };
  }
}
