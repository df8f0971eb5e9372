/**
 * Prometheus metrics of one API instance. Each instance owns its registry (never prom-client's
 * global one), so several apps in one process — e2e tests — do not clash.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { OVERDUE_TASKS_SOURCE, type OverdueTasksSource } from './overdue-tasks.source';
import { RunStatsRepository } from './run-stats.repository';

const SCRAPE_QUERY_TIMEOUT_MS = 2_000;

@Injectable()
export class AppMetrics {
  readonly registry = new Registry();
  private readonly logger = new Logger('AppMetrics');
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly runs = new Gauge({
    name: 'onboarding_runs',
    help: 'Onboarding runs by status (read model, counted at scrape time)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  private readonly overdueTasks = new Gauge({
    name: 'onboarding_overdue_tasks',
    help: 'Open onboarding tasks past their due date',
    registers: [this.registry],
  });
  private readonly readModelUp = new Gauge({
    name: 'onboarding_read_model_up',
    help: '1 when the last scrape could read the read model (PostgreSQL), else 0',
    registers: [this.registry],
  });

  constructor(
    private readonly stats: RunStatsRepository,
    @Inject(OVERDUE_TASKS_SOURCE) private readonly overdue: OverdueTasksSource,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The read cache's figures, read at each scrape (onboardings/read/read-cache.service.ts). */
  watchReadCache(
    stats: () => { live: boolean; runs: number; pages: number; hits: number; misses: number },
  ): void {
    new Gauge({
      name: 'read_cache_live',
      help: '1 while the read cache listens to PostgreSQL changes (else every read goes to PostgreSQL)',
      registers: [this.registry],
      collect() {
        this.set(stats().live ? 1 : 0);
      },
    });
    new Gauge({
      name: 'read_cache_entries',
      help: 'Run details and list pages held by the read cache',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        const s = stats();
        this.set({ kind: 'run' }, s.runs);
        this.set({ kind: 'page' }, s.pages);
      },
    });
    new Counter({
      name: 'read_cache_lookups_total',
      help: 'Read cache lookups by result (a miss reads PostgreSQL)',
      labelNames: ['result'] as const,
      registers: [this.registry],
      collect() {
        const s = stats();
        this.reset();
        this.inc({ result: 'hit' }, s.hits);
        this.inc({ result: 'miss' }, s.misses);
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text. The HTTP metrics still render when PostgreSQL is down. */
  async render(): Promise<string> {
    try {
      const [counts, overdue] = await within(
        Promise.all([this.stats.countRunsByStatus(), this.overdue.countOverdue()]),
      );
      this.runs.reset();
      for (const [status, count] of Object.entries(counts)) this.runs.set({ status }, count);
      this.overdueTasks.set(overdue);
      this.readModelUp.set(1);
    } catch (err) {
      this.runs.reset();
      this.readModelUp.set(0);
      this.logger.warn(`metrics: read model unavailable (${(err as Error).message})`);
    }
    return this.registry.metrics();
  }
}

function within<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), SCRAPE_QUERY_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
