/**
 * Recognises "PostgreSQL or Temporal is down" errors, which become 503 problems. Only failures
 * to reach or keep a connection count: a constraint violation or a rejected Temporal call
 * (INVALID_ARGUMENT, NOT_FOUND…) is a bug or a rule, not an outage.
 */
export type Dependency = 'PostgreSQL' | 'Temporal';

/** Prisma's connection-level errors (P1xxx) and "timed out fetching a connection from the pool". */
const PRISMA_CONNECTION_CODES = /^(P1000|P1001|P1002|P1003|P1008|P1010|P1011|P1017|P2024)$/;

/** Node socket errors and PostgreSQL SQLSTATEs: admin shutdown, cannot connect now, class 08. */
const PG_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/** gRPC status codes of an unreachable or overloaded server: DEADLINE_EXCEEDED, UNAVAILABLE. */
const GRPC_UNAVAILABLE = new Set([4, 14]);

/** Driver-adapter error kinds (adapter-pg) that mean the database cannot be reached. */
const ADAPTER_CONNECTION_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'ConnectionClosed',
  'SocketTimeout',
  'TlsConnectionError',
  'AuthenticationFailed',
  'TooManyConnections',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: unknown;
}

const MAX_DEPTH = 5;

export function isDependencyDown(err: unknown, depth = 0): Dependency | undefined {
  if (typeof err !== 'object' || err === null || depth > MAX_DEPTH) return undefined;
  const e = err as ErrorLike;
  const message = typeof e.message === 'string' ? e.message : '';

  // Temporal: TransportError when no connection could be made; gRPC UNAVAILABLE/DEADLINE_EXCEEDED
  // surfaces as a ServiceError whose cause carries the numeric gRPC code.
  if (e.name === 'TransportError') return 'Temporal';
  // Connection.ensureConnected(): grpc-js gave up waiting for the channel.
  if (/^Failed to connect before the deadline/.test(message)) return 'Temporal';
  if (typeof e.code === 'number' && GRPC_UNAVAILABLE.has(e.code) && 'details' in e)
    return 'Temporal';

  if (e.name === 'PrismaClientInitializationError') return 'PostgreSQL';
  if (typeof e.code === 'string' && PRISMA_CONNECTION_CODES.test(e.code)) return 'PostgreSQL';
  if (typeof e.code === 'string' && PG_CONNECTION_CODES.has(e.code)) return 'PostgreSQL';
  if (typeof e.kind === 'string' && ADAPTER_CONNECTION_KINDS.has(e.kind)) return 'PostgreSQL';
  // A raw query (P2010) only says so in its message.
  if (e.code === 'P2010' && /Can't reach database server/i.test(message)) return 'PostgreSQL';

  return (
    isDependencyDown(e.cause, depth + 1) ??
    isDependencyDown(
      (e.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError,
      depth + 1,
    )
  );
}
