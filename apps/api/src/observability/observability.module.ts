/**
 * Metrics (per-instance Prometheus registry, /metrics) and the read-model figures behind them.
 * Request logging and X-Request-Id are Fastify hooks installed by bootstrap (request-hooks.ts).
 * May import: auth (Public), infra tokens, problem. Nothing imports feature modules from here.
 */
import { Module } from '@nestjs/common';
import { AppMetrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { OVERDUE_TASKS_SOURCE, TaskTableOverdueTasks } from './overdue-tasks.source';
import { RunStatsRepository } from './run-stats.repository';

@Module({
  controllers: [MetricsController],
  providers: [
    AppMetrics,
    RunStatsRepository,
    MetricsTokenGuard,
    { provide: OVERDUE_TASKS_SOURCE, useClass: TaskTableOverdueTasks },
  ],
  exports: [AppMetrics],
})
export class ObservabilityModule {}
