/**
 * In-memory copies of the run detail and of run list pages, kept exactly as fresh as PostgreSQL
 * (docs/performance.md, "Read cache"):
 *
 * - Every change to a row they show announces its run at commit (NOTIFY, read-model-listener.ts);
 *   `invalidate` drops that run's detail and every list page (list rows show the run's progress
 *   and next task, so a step or task change matters to them too).
 * - A read takes a `ticket()` before it queries and may `put` its result only if nothing it read
 *   was invalidated after the ticket: a result read before a change and stored after its
 *   notification would otherwise stay stale.
 * - Nothing is served or stored while the listener is not live (connection lost: notifications
 *   may have been missed), and going live or losing the connection clears everything.
 * - Entries expire at the time they were told (a task becoming overdue) and at `ttlMs` at most,
 *   less up to a quarter at random, so that entries filled together do not all expire together.
 *   Past half its TTL, an entry's next hit asks for a fresh read in the background: runs read
 *   often are renewed before they expire, so their readers never wait for PostgreSQL.
 * - `coalesceRun`/`coalescePage`: concurrent misses of the same key share one query (no stampede
 *   after a change), under the same freshness rules as a stored entry.
 *
 * Plain data structures, no I/O: the rules are unit-tested in run-read-cache.spec.ts.
 */

export type ChangeScope = 'run' | 'detail';

export interface RunReadCacheOptions {
  maxRuns: number;
  maxPages: number;
  /** Bound on the size of everything kept (runs and pages), as the caller weighs entries. */
  maxBytes?: number;
  ttlMs: number;
  /** How many recent invalidations are remembered to refuse late stores (older: refused all). */
  maxRemembered?: number;
}

interface Entry<T> {
  value: T;
  expiresAt: number;
  /** From then on, the first hit asks for a read in the background (Infinity: never). */
  refreshAt: number;
  bytes: number;
}

/** Entries by key, least recently used first (a Map keeps insertion order), with their size. */
class Lru<T> {
  readonly entries = new Map<string, Entry<T>>();
  bytes = 0;

  get size(): number {
    return this.entries.size;
  }

  /** The entry, now the most recently used. */
  touch(key: string): Entry<T> | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: Entry<T>): void {
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  /** Drops the least recently used entry; false when there is none. */
  evictOldest(): boolean {
    const oldest = this.entries.keys().next();
    if (oldest.done) return false;
    this.delete(oldest.value);
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

export interface RunReadCacheStats {
  live: boolean;
  runs: number;
  pages: number;
  /** Sum of the kept entries' weights. */
  bytes: number;
  hits: number;
  misses: number;
}

export class RunReadCache<Detail, Page> {
  private live = false;
  /** Incremented by every invalidation and reset; a ticket is its value when a read starts. */
  private seq = 0;
  /** Reads whose ticket is below this may not store (their invalidations were forgotten). */
  private floor = 0;
  /** Last invalidation of each run recently changed, oldest first (Map keeps insertion order). */
  private readonly changed = new Map<string, number>();
  /** Last invalidation of any list page. */
  private pagesChangedAt = 0;
  private readonly runs = new Lru<Detail>();
  private readonly pages = new Lru<Page>();
  private hits = 0;
  private misses = 0;
  private readonly maxRemembered: number;
  private readonly inFlight = new Map<string, { ticket: number; promise: Promise<unknown> }>();

  constructor(private readonly options: RunReadCacheOptions) {
    this.maxRemembered = options.maxRemembered ?? 10_000;
  }

  /** The listener is (again) receiving every change: start from nothing. */
  goLive(): void {
    this.reset();
    this.live = true;
  }

  /** The listener lost its connection: changes may be missed until it is live again. */
  goDark(): void {
    this.live = false;
    this.reset();
  }

  get isLive(): boolean {
    return this.live;
  }

  /** To take before querying; pass it to `put*`. */
  ticket(): number {
    return this.seq;
  }

  invalidate(runId: string, _scope: ChangeScope): void {
    this.seq += 1;
    this.runs.delete(runId);
    this.changed.delete(runId);
    this.changed.set(runId, this.seq);
    if (this.changed.size > this.maxRemembered) {
      const [oldest, at] = this.changed.entries().next().value as [string, number];
      this.changed.delete(oldest);
      this.floor = Math.max(this.floor, at);
    }
    // Every change, `run` or `detail` (steps, tasks): list rows show progress and the next task.
    this.pages.clear();
    this.pagesChangedAt = this.seq;
  }

  /** Every entry may be stale (e.g. a TRUNCATE). */
  invalidateAll(): void {
    this.reset();
  }

  /** The run's detail; `refresh` is called (once per entry) when it should be read again. */
  getRun(runId: string, now: number, refresh?: () => void): Detail | undefined {
    return this.get(this.runs, runId, now, refresh);
  }

  getPage(key: string, now: number, refresh?: () => void): Page | undefined {
    return this.get(this.pages, key, now, refresh);
  }

  /**
   * Keeps a run's detail read under `ticket`, until `validUntil` at most (epoch ms); `bytes`
   * weighs it against `maxBytes`.
   */
  putRun(
    runId: string,
    value: Detail,
    ticket: number,
    now: number,
    validUntil?: number,
    bytes = 0,
  ): void {
    if (!this.mayStore(ticket) || (this.changed.get(runId) ?? 0) > ticket) return;
    this.put(this.runs, runId, { value, bytes }, now, validUntil, this.options.maxRuns);
  }

  /** Keeps a list page read under `ticket`. Pages that depend on the clock must not be kept. */
  putPage(key: string, value: Page, ticket: number, now: number, bytes = 0): void {
    if (!this.mayStore(ticket) || this.pagesChangedAt > ticket) return;
    this.put(this.pages, key, { value, bytes }, now, undefined, this.options.maxPages);
  }

  /**
   * Runs `read` once for concurrent callers of the same run detail (`runId`, `key` adding the
   * caller's visibility), as fresh as the cache: a caller joins a read in flight only while the
   * cache is live and nothing of that run changed since the read began. `read` gets the ticket.
   */
  coalesceRun<T>(runId: string, key: string, read: (ticket: number) => Promise<T>): Promise<T> {
    return this.coalesce(key, read, (ticket) => (this.changed.get(runId) ?? 0) <= ticket);
  }

  /** The same for a list page: joined only while no run changed since the read began. */
  coalescePage<T>(key: string, read: (ticket: number) => Promise<T>): Promise<T> {
    return this.coalesce(key, read, (ticket) => this.pagesChangedAt <= ticket);
  }

  private coalesce<T>(
    key: string,
    read: (ticket: number) => Promise<T>,
    unchangedSince: (ticket: number) => boolean,
  ): Promise<T> {
    const pending = this.inFlight.get(key);
    if (pending && this.mayStore(pending.ticket) && unchangedSince(pending.ticket)) {
      return pending.promise as Promise<T>;
    }
    const ticket = this.ticket();
    const promise = read(ticket).finally(() => {
      if (this.inFlight.get(key)?.promise === promise) this.inFlight.delete(key);
    });
    this.inFlight.set(key, { ticket, promise });
    return promise;
  }

  stats(): RunReadCacheStats {
    return {
      live: this.live,
      runs: this.runs.size,
      pages: this.pages.size,
      bytes: this.runs.bytes + this.pages.bytes,
      hits: this.hits,
      misses: this.misses,
    };
  }

  private reset(): void {
    this.seq += 1;
    this.floor = this.seq;
    this.runs.clear();
    this.pages.clear();
    this.changed.clear();
    this.pagesChangedAt = this.seq;
  }

  private mayStore(ticket: number): boolean {
    return this.live && ticket >= this.floor;
  }

  private get<T>(
    store: Lru<T>,
    key: string,
    now: number,
    refresh: (() => void) | undefined,
  ): T | undefined {
    const entry = this.live ? store.touch(key) : undefined;
    if (entry === undefined || entry.expiresAt <= now) {
      if (entry) store.delete(key);
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    if (refresh && entry.refreshAt <= now) {
      entry.refreshAt = Infinity;
      refresh();
    }
    return entry.value;
  }

  private put<T>(
    store: Lru<T>,
    key: string,
    { value, bytes }: { value: T; bytes: number },
    now: number,
    validUntil: number | undefined,
    max: number,
  ): void {
    const maxBytes = this.options.maxBytes ?? Infinity;
    const ttl = this.options.ttlMs * (1 - Math.random() / 4);
    const bySchedule = validUntil !== undefined && validUntil < now + ttl;
    const expiresAt = bySchedule ? validUntil : now + ttl;
    if (expiresAt <= now || max <= 0 || bytes > maxBytes) return;
    // An entry that ends on schedule (a task falling due) would be read again unchanged: no refresh.
    const refreshAt = bySchedule ? Infinity : now + ttl / 2;
    store.delete(key);
    // Room first, from the same kind of entry, then from the other kind.
    if (store.size >= max) store.evictOldest();
    const other: Lru<unknown> = store === (this.runs as Lru<unknown>) ? this.pages : this.runs;
    while (this.runs.bytes + this.pages.bytes + bytes > maxBytes) {
      if (!store.evictOldest() && !other.evictOldest()) break;
    }
    store.set(key, { value, expiresAt, refreshAt, bytes });
  }
}
