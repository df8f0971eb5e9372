/**
 * The API instance's read cache (run-read-cache.ts) and the listener that keeps it fresh
 * (read-model-listener.ts), started with the app and stopped on shutdown. READ_CACHE_ENABLED=false
 * never starts the listener: the cache then stays dark and every read goes to PostgreSQL.
 */
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '../../../../../config/env';
import { APP_CONFIG } from '../../infra/tokens';
import { AppMetrics } from '../../observability/metrics';
import type { OnboardingDetailResponseDto } from '../dto/onboarding-detail-response.dto';
import type { CachedListPage } from '../dto/onboarding-list-response.dto';
import { ReadModelListener } from './read-model-listener';
import { RunReadCache } from './run-read-cache';

/** A cached detail with what the visibility check needs (canSee in run-visibility.ts). */
export interface CachedDetail {
  dto: OnboardingDetailResponseDto;
  techLeadSub: string | null;
  hireEmail: string;
}

@Injectable()
export class ReadCacheService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReadCache');
  readonly cache: RunReadCache<CachedDetail, CachedListPage>;
  private readonly listener: ReadModelListener | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig, metrics: AppMetrics) {
    const options = config.api.readCache;
    this.cache = new RunReadCache({
      maxRuns: options.maxRuns,
      maxPages: options.maxPages,
      maxBytes: options.maxMb * 2 ** 20,
      ttlMs: options.ttlSeconds * 1000,
    });
    metrics.watchReadCache(() => this.cache.stats());
    if (options.enabled) {
      this.listener = new ReadModelListener(
        {
          url: config.database.url,
          schema: config.database.schema,
          onError: (message) => this.logger.warn(message),
        },
        this.cache,
      );
    }
  }

  onApplicationBootstrap(): void {
    // In the background: the API serves (from PostgreSQL) while the listener connects.
    void this.listener?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }
}
