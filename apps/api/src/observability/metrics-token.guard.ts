/**
 * Who may scrape /metrics: anyone while METRICS_TOKEN is unset (the embedded setup), otherwise
 * only `Authorization: Bearer <METRICS_TOKEN>` — a Prometheus-style static scrape secret, so the
 * scraper needs no identity-provider account. User JWTs are not accepted here.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../../../config/env';
import { APP_CONFIG } from '../infra/tokens';
import { ProblemException } from '../http/problem';

const digest = (value: string) => createHash('sha256').update(value).digest();

@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.metrics.token ? digest(config.metrics.token) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const presented = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
    // Comparing digests keeps the comparison constant-time whatever the presented length.
    if (presented && timingSafeEqual(digest(presented), this.expected)) return true;
    throw ProblemException.unauthenticated('The metrics scrape token is missing or wrong');
  }
}
