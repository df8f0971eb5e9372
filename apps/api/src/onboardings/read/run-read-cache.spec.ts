import { parseChange } from './read-model-listener';
import { RunReadCache } from './run-read-cache';
import { canSee } from './run-visibility';

const NOW = 1_000_000;

function liveCache(options: Partial<ConstructorParameters<typeof RunReadCache>[0]> = {}) {
  const cache = new RunReadCache<string, string>({
    maxRuns: 3,
    maxPages: 2,
    ttlMs: 60_000,
    ...options,
  });
  cache.goLive();
  return cache;
}

describe('RunReadCache', () => {
  it('serves what was stored until the run changes', () => {
    const cache = liveCache();
    cache.putRun('r1', 'v1', cache.ticket(), NOW);
    expect(cache.getRun('r1', NOW)).toBe('v1');
    cache.invalidate('r1', 'detail');
    expect(cache.getRun('r1', NOW)).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1 });
  });

  it('refuses a read that started before a change of its run (read, change, then store)', () => {
    const cache = liveCache();
    const ticket = cache.ticket();
    cache.invalidate('r1', 'detail'); // committed and announced while the query ran
    cache.putRun('r1', 'stale', ticket, NOW);
    expect(cache.getRun('r1', NOW)).toBeUndefined();
    // A read started after the change stores, and a change of another run does not matter.
    const later = cache.ticket();
    cache.invalidate('r2', 'detail');
    cache.putRun('r1', 'fresh', later, NOW);
    expect(cache.getRun('r1', NOW)).toBe('fresh');
  });

  it('refuses late stores of every run once the change it needs was forgotten', () => {
    const cache = liveCache({ maxRemembered: 2 });
    const ticket = cache.ticket();
    cache.invalidate('a', 'detail');
    cache.invalidate('b', 'detail');
    cache.invalidate('c', 'detail'); // forgets `a`: any read older than its change may be stale
    cache.putRun('a', 'stale', ticket, NOW);
    cache.putRun('z', 'unknown', ticket, NOW);
    expect(cache.getRun('a', NOW)).toBeUndefined();
    expect(cache.getRun('z', NOW)).toBeUndefined();
    const later = cache.ticket();
    cache.putRun('a', 'fresh', later, NOW);
    expect(cache.getRun('a', NOW)).toBe('fresh');
  });

  it('drops every list page when a run or its steps and tasks change (rows show progress)', () => {
    const cache = liveCache();
    cache.putPage('p', 'page', cache.ticket(), NOW);
    cache.invalidate('r1', 'detail');
    expect(cache.getPage('p', NOW)).toBeUndefined();
    cache.putPage('p', 'page', cache.ticket(), NOW);
    expect(cache.getPage('p', NOW)).toBe('page');
    const ticket = cache.ticket();
    cache.invalidate('r1', 'run');
    expect(cache.getPage('p', NOW)).toBeUndefined();
    cache.putPage('p', 'stale page', ticket, NOW);
    expect(cache.getPage('p', NOW)).toBeUndefined();
  });

  it('neither serves nor stores while dark, and starts empty when live again', () => {
    const cache = liveCache();
    cache.putRun('r1', 'v1', cache.ticket(), NOW);
    const ticket = cache.ticket();
    cache.goDark();
    expect(cache.getRun('r1', NOW)).toBeUndefined();
    cache.putRun('r1', 'v2', cache.ticket(), NOW);
    cache.goLive();
    expect(cache.getRun('r1', NOW)).toBeUndefined();
    cache.putRun('r1', 'read while dark', ticket, NOW);
    expect(cache.getRun('r1', NOW)).toBeUndefined();
    cache.putRun('r1', 'v3', cache.ticket(), NOW);
    expect(cache.getRun('r1', NOW)).toBe('v3');
    cache.invalidateAll();
    expect(cache.getRun('r1', NOW)).toBeUndefined();
  });

  it('never serves a disabled cache (never live)', () => {
    const cache = new RunReadCache<string, string>({ maxRuns: 3, maxPages: 2, ttlMs: 60_000 });
    cache.putRun('r1', 'v1', cache.ticket(), NOW);
    cache.putPage('p', 'page', cache.ticket(), NOW);
    expect(cache.getRun('r1', NOW)).toBeUndefined();
    expect(cache.getPage('p', NOW)).toBeUndefined();
    expect(cache.stats()).toMatchObject({ live: false, runs: 0, pages: 0 });
  });

  it('expires an entry at the time it was given (a task falling past due) and at the TTL', () => {
    const cache = liveCache({ ttlMs: 1_000 });
    cache.putRun('due', 'v', cache.ticket(), NOW, NOW + 500);
    cache.putRun('ttl', 'v', cache.ticket(), NOW, NOW + 5_000);
    cache.putRun('past', 'v', cache.ticket(), NOW, NOW);
    expect(cache.getRun('due', NOW + 499)).toBe('v');
    expect(cache.getRun('due', NOW + 500)).toBeUndefined();
    expect(cache.getRun('ttl', NOW + 749)).toBe('v'); // the TTL less up to a quarter
    expect(cache.getRun('ttl', NOW + 1_000)).toBeUndefined();
    expect(cache.getRun('past', NOW)).toBeUndefined();
  });

  it('asks once for a background read past half the TTL, never for an entry ending on schedule', () => {
    const cache = liveCache({ ttlMs: 1_000 });
    cache.putRun('hot', 'v', cache.ticket(), NOW);
    cache.putRun('due', 'v', cache.ticket(), NOW, NOW + 400);
    const asked: string[] = [];
    const ask = (id: string) => () => asked.push(id);
    expect(cache.getRun('hot', NOW + 370, ask('early'))).toBe('v'); // before 0.75 × 1,000 / 2
    expect(cache.getRun('hot', NOW + 500, ask('hot'))).toBe('v');
    expect(cache.getRun('hot', NOW + 501, ask('again'))).toBe('v');
    expect(cache.getRun('due', NOW + 399, ask('due'))).toBe('v');
    expect(asked).toEqual(['hot']);
  });

  it('keeps the total weight under maxBytes, evicting the least recently used first', () => {
    const cache = liveCache({ maxRuns: 10, maxPages: 10, maxBytes: 100 });
    cache.putRun('a', 'a', cache.ticket(), NOW, undefined, 40);
    cache.putRun('b', 'b', cache.ticket(), NOW, undefined, 40);
    cache.putPage('p', 'p', cache.ticket(), NOW, 10);
    expect(cache.stats().bytes).toBe(90);
    cache.getRun('a', NOW); // `b` is now the least recently used run
    cache.putRun('c', 'c', cache.ticket(), NOW, undefined, 30);
    expect(cache.getRun('b', NOW)).toBeUndefined();
    expect(cache.stats()).toMatchObject({ runs: 2, pages: 1, bytes: 80 });
    cache.putRun('huge', 'h', cache.ticket(), NOW, undefined, 101); // larger than everything
    expect(cache.getRun('huge', NOW)).toBeUndefined();
    cache.putPage('q', 'q', cache.ticket(), NOW, 90); // pages evict pages first, then runs
    expect(cache.stats()).toMatchObject({ pages: 1, bytes: 90 });
    cache.invalidate('x', 'run');
    cache.invalidateAll();
    expect(cache.stats().bytes).toBe(0);
  });

  it('evicts the least recently used entry beyond its size', () => {
    const cache = liveCache();
    for (const id of ['a', 'b', 'c']) cache.putRun(id, id, cache.ticket(), NOW);
    expect(cache.getRun('a', NOW)).toBe('a'); // `b` is now the least recently used
    cache.putRun('d', 'd', cache.ticket(), NOW);
    expect(cache.getRun('b', NOW)).toBeUndefined();
    expect(['a', 'c', 'd'].map((id) => cache.getRun(id, NOW))).toEqual(['a', 'c', 'd']);
    for (const key of ['p', 'q', 'r']) cache.putPage(key, key, cache.ticket(), NOW);
    expect(cache.stats().pages).toBe(2);
    expect(cache.getPage('p', NOW)).toBeUndefined();
  });
});

describe('RunReadCache: concurrent misses', () => {
  /** A read that resolves when told, counting how many reads started. */
  function gatedReads() {
    let reads = 0;
    const gates: (() => void)[] = [];
    const read = () =>
      new Promise<number>((resolve) => {
        const n = ++reads;
        gates.push(() => resolve(n));
      });
    return { read, open: () => gates.splice(0).forEach((g) => g()), count: () => reads };
  }

  it('share one read per key while live and unchanged, then read anew', async () => {
    const cache = liveCache();
    const g = gatedReads();
    const first = cache.coalesceRun('r1', 'k', g.read);
    const second = cache.coalesceRun('r1', 'k', g.read);
    const page = cache.coalescePage('p', g.read);
    g.open();
    expect(await Promise.all([first, second, page])).toEqual([1, 1, 2]);
    const third = cache.coalesceRun('r1', 'k', g.read);
    g.open();
    expect(await third).toBe(3);
  });

  it('do not join a read that began before a change of what it reads', async () => {
    const cache = liveCache();
    const g = gatedReads();
    const before = cache.coalesceRun('r1', 'k', g.read);
    const pageBefore = cache.coalescePage('p', g.read);
    cache.invalidate('r2', 'detail'); // another run: still joined
    const joined = cache.coalesceRun('r1', 'k', g.read);
    cache.invalidate('r1', 'run');
    const after = cache.coalesceRun('r1', 'k', g.read);
    const pageAfter = cache.coalescePage('p', g.read);
    g.open();
    expect(await Promise.all([before, joined, after, pageBefore, pageAfter])).toEqual([
      1, 1, 3, 2, 4,
    ]);
  });

  it('never share a read while dark (cache disabled or listener down)', async () => {
    const cache = new RunReadCache<string, string>({ maxRuns: 3, maxPages: 2, ttlMs: 60_000 });
    const g = gatedReads();
    const reads = [cache.coalesceRun('r1', 'k', g.read), cache.coalesceRun('r1', 'k', g.read)];
    g.open();
    expect(await Promise.all(reads)).toEqual([1, 2]);
  });

  it('pass a failure to every caller sharing the read, and forget it', async () => {
    const cache = liveCache();
    const failing = () => Promise.reject(new Error('db down'));
    const waiting = [cache.coalescePage('k', failing), cache.coalescePage('k', failing)];
    for (const p of waiting) await expect(p).rejects.toThrow('db down');
    expect(await cache.coalescePage('k', () => Promise.resolve('ok'))).toBe('ok');
  });
});

describe('parseChange', () => {
  it('reads the notifications of its own schema only', () => {
    expect(parseChange('public run 0b6c', 'public')).toEqual({
      all: false,
      runId: '0b6c',
      scope: 'run',
    });
    expect(parseChange('public detail 0b6c', 'public')).toMatchObject({ scope: 'detail' });
    expect(parseChange('public all', 'public')).toEqual({ all: true });
    expect(parseChange('other run 0b6c', 'public')).toBeNull();
    expect(parseChange('public bogus 0b6c', 'public')).toBeNull();
    expect(parseChange('public run', 'public')).toBeNull();
    expect(parseChange(undefined, 'public')).toBeNull();
  });
});

describe('canSee (the in-memory twin of visibleTo)', () => {
  const run = { techLeadSub: 'tl-a', hireEmail: 'afi@example.tg' };
  it('follows the same rules as the SQL', () => {
    expect(canSee({ all: true }, run)).toBe(true);
    expect(canSee({ all: false, techLeadSub: 'tl-a' }, run)).toBe(true);
    expect(canSee({ all: false, techLeadSub: 'tl-b' }, run)).toBe(false);
    expect(canSee({ all: false, hireEmail: 'afi@example.tg' }, run)).toBe(true);
    expect(canSee({ all: false, hireEmail: 'kofi@example.tg' }, run)).toBe(false);
    expect(canSee({ all: false, techLeadSub: 'tl-b', hireEmail: 'afi@example.tg' }, run)).toBe(
      true,
    );
    expect(canSee({ all: false }, run)).toBe(false);
    expect(canSee({ all: false, techLeadSub: 'tl-a' }, { ...run, techLeadSub: null })).toBe(false);
  });
});
