/**
 * The worker's logs and metrics: JSON lines through pino with the API's masking of personal data
 * (domain/redact.ts) and LOG_LEVEL, the Temporal SDK's own logs (Rust core included) through the
 * same logger, and the SDK's Prometheus metrics (task slots, schedule-to-start latency, sticky
 * cache, activity failures) when WORKER_METRICS_ADDRESS is set. Installed once per process, by
 * main.ts, before the first connection (tests run workers in-process with the SDK defaults).
 */
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import {
  makeTelemetryFilterString,
  Runtime,
  type Logger,
  type LogLevel as SdkLevel,
  type LogMetadata,
  type RuntimeOptions,
} from '@temporalio/worker';
import type { AppConfig, LogLevel } from '../../../config/env';
import { redact } from '../../../domain/redact';

function redactValues(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(obj).map(([k, v]) => [k, typeof v === 'string' ? redact(v) : v]),
  );
}

/** `{"level":"info","time":"…","msg":"…",…}`, the API's shape; every string masked. */
export function createWorkerLogger(level: LogLevel, destination?: DestinationStream): Pino {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: redactValues,
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a: unknown) => (typeof a === 'string' ? redact(a) : a));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

const LEVELS: Record<SdkLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The SDK's Logger interface over pino (workflow, activity, worker and core logs). */
export class SdkLogger implements Logger {
  constructor(private readonly pino: Pino) {}
  log(level: SdkLevel, message: string, meta?: LogMetadata): void {
    this.pino[LEVELS[level]]({ ...(meta ?? {}), source: 'temporal' }, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

export function runtimeOptions(config: AppConfig, logger: Pino): RuntimeOptions {
  const level = config.logLevel.toUpperCase() as SdkLevel;
  return {
    logger: new SdkLogger(logger),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: level }), forward: {} },
      ...(config.metrics.workerAddress
        ? { metrics: { prometheus: { bindAddress: config.metrics.workerAddress } } }
        : {}),
    },
  };
}

/** Once per process, before any connection. */
export function installRuntime(config: AppConfig, logger: Pino): void {
  Runtime.install(runtimeOptions(config, logger));
}
