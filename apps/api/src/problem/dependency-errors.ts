/** Recognises "PostgreSQL or Temporal is down" errors, which become 503 problems. */
const PG_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P01',
  '57P03',
  '08006',
  '08001',
]);

export function isDependencyDown(err: unknown): 'PostgreSQL' | 'Temporal' | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { name?: string; code?: unknown; message?: string; cause?: unknown };
  const message = e.message ?? '';
  if (
    e.name === 'ServiceError' ||
    e.name === 'TransportError' ||
    (/temporal/i.test(message) && /unavailable|connect/i.test(message))
  ) {
    return 'Temporal';
  }
  if (e.name === 'DriverAdapterError' || e.name === 'PrismaClientInitializationError')
    return 'PostgreSQL';
  if (typeof e.code === 'string' && PG_CONNECTION_CODES.has(e.code)) return 'PostgreSQL';
  if (/Can't reach database|connection terminated|ECONNREFUSED/i.test(message)) return 'PostgreSQL';
  return e.cause ? isDependencyDown(e.cause) : undefined;
}
