import type { Principal } from '../../auth/roles';
import type { ReadCacheService } from './read-cache.service';
import { RunQueriesService } from './run-queries.service';
import type { RunDetailRow, RunReadRepository } from './run-read.repository';
import { RunReadCache } from './run-read-cache';

const HR: Principal = { sub: 'hr', roles: ['HR'] };
const RUN_ID = '3f0c7a52-8d4e-4c1e-9a57-0c2b1f6de001';

function detailRow(phase: string): RunDetailRow {
  return {
    id: RUN_ID,
    workflowId: `onboarding-${RUN_ID}`,
    status: 'RUNNING',
    phase,
    startDate: new Date('2027-01-04T00:00:00Z'),
    timeZone: 'Africa/Lome',
    techLeadSub: 'tl-a',
    techLeadEmail: 'tl-a@example.tg',
    techLeadName: 'Lead',
    createdAt: new Date('2026-11-01T08:00:00Z'),
    updatedAt: new Date('2026-11-01T08:00:00Z'),
    completedAt: null,
    hire: { id: 'h', fullName: 'Afi', email: 'afi@example.tg', locale: 'fr' },
    cancelReason: null,
    plan: null,
    steps: [],
    tasks: [],
    actorNames: {},
  };
}

/** The service on a live cache, reading from a stand-in repository whose phase the test sets. */
function setUp() {
  const db = { phase: 'PRE_BOARDING', reads: 0 };
  const repository = {
    findVisibleRunDetail: () => {
      db.reads += 1;
      return Promise.resolve({ run: detailRow(db.phase), timeline: [], nextDueAt: null });
    },
  } as unknown as RunReadRepository;
  const cache = new RunReadCache({ maxRuns: 10, maxPages: 10, ttlMs: 60_000 });
  cache.goLive();
  const service = new RunQueriesService(repository, { cache } as unknown as ReadCacheService);
  return { db, cache, service };
}

describe('RunQueriesService.detail and the read cache', () => {
  it('answers a repeated read from the cache until the run changes', async () => {
    const { db, cache, service } = setUp();
    expect((await service.detail(RUN_ID, HR)).phase).toBe('PRE_BOARDING');
    db.phase = 'FIRST_WEEK'; // committed, not announced yet
    expect((await service.detail(RUN_ID, HR)).phase).toBe('PRE_BOARDING');
    expect(db.reads).toBe(1);
    cache.invalidate(RUN_ID, 'run');
    expect((await service.detail(RUN_ID, HR)).phase).toBe('FIRST_WEEK');
  });

  it('reads PostgreSQL for `fresh` (after a write of its own) and keeps that answer', async () => {
    const { db, service } = setUp();
    await service.detail(RUN_ID, HR);
    db.phase = 'FIRST_WEEK'; // the control's projection, its notification still on its way
    expect((await service.detail(RUN_ID, HR, { fresh: true })).phase).toBe('FIRST_WEEK');
    expect((await service.detail(RUN_ID, HR)).phase).toBe('FIRST_WEEK');
    expect(db.reads).toBe(2);
  });

  it('answers 404 from the cache to a caller who may not see the run', async () => {
    const { service } = setUp();
    await service.detail(RUN_ID, HR);
    await expect(
      service.detail(RUN_ID, { sub: 'tl-b', roles: ['TECH_LEAD'] }),
    ).rejects.toMatchObject({ problem: { status: 404 } });
    expect((await service.detail(RUN_ID, { sub: 'tl-a', roles: ['TECH_LEAD'] })).id).toBe(RUN_ID);
  });
});
