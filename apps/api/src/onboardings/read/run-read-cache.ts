/**
 * In-memory copies of the run detail and of run list pages, kept exactly as fresh as PostgreSQL
 * (docs/performance.md, "Read cache"):
 *
 * - Every change to a row they show announces its run at commit (NOTIFY, read-model-listener.ts);
 *   `invalidate` drops that run's detail and, for a change to the run or its hire, every list page.
 * - A read takes a `ticket()` before it queries and may `put` its result only if nothing it read
 *   was invalidated after the ticket: a result read before a change and stored after its
 *   notification would otherwise stay stale.
 * - Nothing is served or stored while the listener is not live (connection lost: notifications
 *   may have been missed), and going live or losing the connection clears everything.
 * - Entries expire at the time they were told (a task becoming overdue) and at `ttlMs` at most,
 *   less up to a quarter at random, so that entries filled together do not all expire together.
 * - `coalesce`: concurrent misses of the same key share one query (no stampede after a change).
 *
 * Plain data structures, no I/O: the rules are unit-tested in run-read-cache.spec.ts.
 */

export type ChangeScope = 'run' | 'detail';

export interface RunReadCacheOptions {
  maxRuns: number;
  maxPages: number;
  ttlMs: number;
  /** How many recent invalidations are remembered to refuse late stores (older: refused all). */
  maxRemembered?: number;
}

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export interface RunReadCacheStats {
  live: boolean;
  runs: number;
  pages: number;
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
  private readonly runs = new Map<string, Entry<Detail>>();
  private readonly pages = new Map<string, Entry<Page>>();
  private hits = 0;
  private misses = 0;
  private readonly maxRemembered: number;
  private readonly inFlight = new Map<string, Promise<unknown>>();

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

  invalidate(runId: string, scope: ChangeScope): void {
    this.seq += 1;
    this.runs.delete(runId);
    this.changed.delete(runId);
    this.changed.set(runId, this.seq);
    if (this.changed.size > this.maxRemembered) {
      const [oldest, at] = this.changed.entries().next().value as [string, number];
      this.changed.delete(oldest);
      this.floor = Math.max(this.floor, at);
    }
    if (scope === 'run') {
      this.pages.clear();
      this.pagesChangedAt = this.seq;
    }
  }

  /** Every entry may be stale (e.g. a TRUNCATE). */
  invalidateAll(): void {
    this.reset();
  }

  getRun(runId: string, now: number): Detail | undefined {
    return this.get(this.runs, runId, now);
  }

  getPage(key: string, now: number): Page | undefined {
    return this.get(this.pages, key, now);
  }

  /** Keeps a run's detail read under `ticket`, until `validUntil` at most (epoch ms). */
  putRun(runId: string, value: Detail, ticket: number, now: number, validUntil?: number): void {
    if (!this.mayStore(ticket) || (this.changed.get(runId) ?? 0) > ticket) return;
    this.put(this.runs, runId, value, now, validUntil, this.options.maxRuns);
  }

  /** Keeps a list page read under `ticket`. Pages that depend on the clock must not be kept. */
  putPage(key: string, value: Page, ticket: number, now: number): void {
    if (!this.mayStore(ticket) || this.pagesChangedAt > ticket) return;
    this.put(this.pages, key, value, now, undefined, this.options.maxPages);
  }

  /** Runs `read` once for concurrent callers of the same key; the next caller after it runs anew. */
  coalesce<T>(key: string, read: () => Promise<T>): Promise<T> {
    const pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const started = read().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  stats(): RunReadCacheStats {
    return {
      live: this.live,
      runs: this.runs.size,
      pages: this.pages.size,
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

  private get<T>(map: Map<string, Entry<T>>, key: string, now: number): T | undefined {
    const entry = this.live ? map.get(key) : undefined;
    if (entry === undefined || entry.expiresAt <= now) {
      if (entry) map.delete(key);
      this.misses += 1;
      return undefined;
    }
    // Most recently used last: eviction takes the first key.
    map.delete(key);
    map.set(key, entry);
    this.hits += 1;
    return entry.value;
  }

  private put<T>(
    map: Map<string, Entry<T>>,
    key: string,
    value: T,
    now: number,
    validUntil: number | undefined,
    max: number,
  ): void {
    const ttl = this.options.ttlMs * (1 - Math.random() / 4);
    const expiresAt = Math.min(now + ttl, validUntil ?? Infinity);
    if (expiresAt <= now || max <= 0) return;
    map.delete(key);
    map.set(key, { value, expiresAt });
    if (map.size > max) map.delete(map.keys().next().value as string);
  }
}
