import { isDependencyDown } from './dependency-errors';

/** Builds errors shaped like the ones the libraries throw (observed against closed ports). */
function named(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, ...extra });
}

const grpcUnavailable = Object.assign(
  new Error('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED'),
  { code: 14, details: 'No connection established', metadata: {} },
);

describe('isDependencyDown', () => {
  describe('PostgreSQL', () => {
    it('recognises Prisma connection errors by code', () => {
      for (const code of ['P1001', 'P1002', 'P1003', 'P1008', 'P1017', 'P2024']) {
        const err = named('PrismaClientKnownRequestError', "Can't reach database server", { code });
        expect(isDependencyDown(err)).toBe('PostgreSQL');
      }
    });

    it('recognises a failed raw query that could not reach the server', () => {
      const err = named(
        'PrismaClientKnownRequestError',
        "Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:1`",
        { code: 'P2010' },
      );
      expect(isDependencyDown(err)).toBe('PostgreSQL');
    });

    it('recognises driver-adapter, pg and socket errors, also as a cause', () => {
      const adapter = named('DriverAdapterError', 'DatabaseNotReachable', {
        cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 1 },
      });
      expect(isDependencyDown(adapter)).toBe('PostgreSQL');
      expect(isDependencyDown(named('error', 'terminating connection', { code: '57P01' }))).toBe(
        'PostgreSQL',
      );
      expect(
        isDependencyDown(
          new Error('query failed', { cause: named('Error', 'x', { code: 'ECONNREFUSED' }) }),
        ),
      ).toBe('PostgreSQL');
      expect(isDependencyDown(named('PrismaClientInitializationError', 'cannot start'))).toBe(
        'PostgreSQL',
      );
    });

    it('does not treat constraint violations or other query errors as an outage', () => {
      expect(
        isDependencyDown(named('PrismaClientKnownRequestError', 'Unique', { code: 'P2002' })),
      ).toBeUndefined();
      expect(
        isDependencyDown(
          named('PrismaClientKnownRequestError', 'Raw query failed', { code: 'P2010' }),
        ),
      ).toBeUndefined();
      const adapter = named('DriverAdapterError', 'UniqueConstraintViolation', {
        cause: { kind: 'UniqueConstraintViolation' },
      });
      expect(isDependencyDown(adapter)).toBeUndefined();
      expect(isDependencyDown(named('error', 'syntax error', { code: '42601' }))).toBeUndefined();
    });
  });

  describe('Temporal', () => {
    it('recognises a ServiceError caused by gRPC UNAVAILABLE or DEADLINE_EXCEEDED', () => {
      const err = named('ServiceError', 'Failed to start Workflow', { cause: grpcUnavailable });
      expect(isDependencyDown(err)).toBe('Temporal');
      const deadline = { ...grpcUnavailable, code: 4, message: '4 DEADLINE_EXCEEDED' };
      expect(isDependencyDown(named('ServiceError', 'x', { cause: deadline }))).toBe('Temporal');
    });

    it('recognises transport failures and connect deadlines', () => {
      expect(isDependencyDown(named('TransportError', 'connection lost'))).toBe('Temporal');
      expect(isDependencyDown(new Error('Failed to connect before the deadline'))).toBe('Temporal');
    });

    it('does not treat a rejected call as an outage', () => {
      const invalid = { code: 3, details: 'invalid argument', message: '3 INVALID_ARGUMENT' };
      expect(isDependencyDown(named('ServiceError', 'Failed', { cause: invalid }))).toBeUndefined();
      expect(
        isDependencyDown(named('WorkflowExecutionAlreadyStartedError', 'started')),
      ).toBeUndefined();
    });
  });

  it('answers undefined for anything else', () => {
    for (const value of [undefined, null, 'ECONNREFUSED', 42, new Error('boom'), {}]) {
      expect(isDependencyDown(value)).toBeUndefined();
    }
  });

  it('stops on cyclic causes', () => {
    const a: { name: string; cause?: unknown } = { name: 'A' };
    a.cause = a;
    expect(isDependencyDown(a)).toBeUndefined();
  });
});
