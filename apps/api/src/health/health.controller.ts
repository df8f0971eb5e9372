/** Liveness and readiness probes (public, no data). */
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../../../prisma/client';
import { Public } from '../auth/roles';
import { PRISMA, TEMPORAL_CLIENT } from '../infra/tokens';
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
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
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
      // Not connection.ensureConnected(): it caches its first failure, so readiness would stay
      // down after Temporal comes back. A plain call with a deadline reflects the present.
      await this.temporal.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
        this.temporal.workflowService.getSystemInfo({}),
      );
    } catch {
      throw ProblemException.unavailable('Temporal');
    }
    return { status: 'ok', checks: { postgresql: 'up', temporal: 'up' } };
  }
}
