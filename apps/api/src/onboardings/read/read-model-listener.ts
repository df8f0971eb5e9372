/**
 * Listens on PostgreSQL channel `dfo_read_model`, where triggers announce every committed change
 * to a row the run list or detail shows (migration 20261126090000_read_model_notify), and passes
 * each change of this instance's schema to the read cache.
 *
 * One dedicated connection (LISTEN needs a session: not through PgBouncer in transaction mode).
 * The cache is live only while this connection is: when it drops, the cache goes dark (reads go
 * to PostgreSQL) and the listener reconnects with backoff, then clears the cache and goes live.
 */
import { Client, type Notification } from 'pg';
import type { ChangeScope } from './run-read-cache';

export const READ_MODEL_CHANNEL = 'dfo_read_model';

export interface ReadModelChangeSink {
  goLive(): void;
  goDark(): void;
  invalidate(runId: string, scope: ChangeScope): void;
  invalidateAll(): void;
}

export interface ReadModelListenerOptions {
  url: string;
  schema: string;
  /** Delay before the first reconnection; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  onError?: (message: string) => void;
}

/** `<schema> run|detail <run id>` or `<schema> all`; null when it is not for `schema`. */
export function parseChange(
  payload: string | undefined,
  schema: string,
): { all: true } | { all: false; runId: string; scope: ChangeScope } | null {
  const [from, scope, runId] = (payload ?? '').split(' ');
  if (from !== schema) return null;
  if (scope === 'all') return { all: true };
  if ((scope === 'run' || scope === 'detail') && runId) return { all: false, runId, scope };
  return null;
}

export class ReadModelListener {
  private client: Client | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number;
  /** Settles when the current connection attempt is live or has failed. */
  private attempt: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: ReadModelListenerOptions,
    private readonly sink: ReadModelChangeSink,
  ) {
    this.retryMs = options.retryMs ?? 250;
  }

  /** Connects in the background; the cache stays dark until the first LISTEN succeeds. */
  start(): Promise<void> {
    this.attempt = this.connect();
    return this.attempt;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.attempt.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    this.sink.goDark();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.options.url });
    this.client = client;
    client.on('notification', (n: Notification) => this.onNotification(n));
    client.on('error', (err) => this.lost(client, err.message));
    client.on('end', () => this.lost(client, 'connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${READ_MODEL_CHANNEL}`);
    } catch (err) {
      this.lost(client, (err as Error).message);
      return;
    }
    if (this.client !== client || this.stopped) return;
    this.retryMs = this.options.retryMs ?? 250;
    // Live only from here: a change committed before LISTEN was never announced to us.
    this.sink.goLive();
  }

  private onNotification(n: Notification): void {
    if (n.channel !== READ_MODEL_CHANNEL) return;
    const change = parseChange(n.payload, this.options.schema);
    if (change === null) return;
    if (change.all) this.sink.invalidateAll();
    else this.sink.invalidate(change.runId, change.scope);
  }

  private lost(client: Client, reason: string): void {
    if (this.client !== client) return; // an older connection, already replaced
    this.client = undefined;
    this.sink.goDark();
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.options.onError?.(`read cache listener: ${reason}; retrying in ${this.retryMs} ms`);
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 10_000);
    this.retryTimer = setTimeout(() => {
      this.attempt = this.connect();
    }, delay);
    this.retryTimer.unref();
  }
}
