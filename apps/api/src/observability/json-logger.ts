/**
 * One JSON object per line on stdout, for the API's own events and Nest's messages alike.
 * Every string passes through redact(): no email in clear, no token, never a request body.
 */
import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../../../../config/env';
import { redact } from './redact';

export type LogFields = Record<string, string | number | boolean | undefined>;
export type LogSink = (line: string) => void;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Nest's start-up chatter ("Mapped {/v1/onboardings, POST} route", module init) is debug noise.
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'NestApplication',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
]);

const stdout: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel,
    private readonly sink: LogSink = stdout,
  ) {}

  enabled(level: LogLevel): boolean {
    return RANK[level] >= RANK[this.level];
  }

  write(level: LogLevel, msg: string, fields: LogFields = {}): void {
    if (!this.enabled(level)) return;
    const entry: Record<string, string | number | boolean> = {
      time: new Date().toISOString(),
      level,
      msg: redact(msg),
    };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) entry[key] = typeof value === 'string' ? redact(value) : value;
    }
    this.sink(JSON.stringify(entry));
  }

  // LoggerService: Nest calls these as (message, ...[stack], context).
  log(message: unknown, ...params: unknown[]): void {
    const { context } = nestParams(params);
    this.write(FRAMEWORK_CONTEXTS.has(context ?? '') ? 'debug' : 'info', text(message), {
      context,
    });
  }

  error(message: unknown, ...params: unknown[]): void {
    const { context, stack } = nestParams(params);
    this.write('error', text(message), {
      context,
      stack: stack ?? (message instanceof Error ? message.stack : undefined),
    });
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', text(message), { context: nestParams(params).context });
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', text(message), { context: nestParams(params).context });
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.debug(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.error(message, ...params);
  }
}

function text(message: unknown): string {
  if (message instanceof Error) return message.message;
  return typeof message === 'string' ? message : JSON.stringify(message);
}

/** The last string is the context; a string before it is a stack trace. */
function nestParams(params: unknown[]): { context?: string; stack?: string } {
  const strings = params.filter((p): p is string => typeof p === 'string');
  if (strings.length === 0) return {};
  if (strings.length === 1) return { context: strings[0] };
  return { stack: strings[strings.length - 2], context: strings[strings.length - 1] };
}
