/**
 * Fallback database when no PostgreSQL server binaries are installed: PGlite (PostgreSQL compiled
 * to WebAssembly) persisted in .data/pglite, served over the PostgreSQL wire protocol on
 * 127.0.0.1, inside the orchestrator's own process.
 *
 * PGlite is a single session. pglite-socket's own server multiplexes connections onto it one
 * protocol message at a time, which interleaves two clients' extended-protocol messages
 * (Parse/Bind/Execute ... Sync): with the API and the worker both busy this failed with
 * `portal "" does not exist` and with rows missing (see docs/development.md). So this module
 * keeps pglite-socket's per-connection protocol handler but feeds it a stricter queue
 * (ExclusiveQueue): a connection keeps the database from its first extended-protocol message
 * up to its Sync, and for as long as it has a transaction open.
 *
 * Both packages are loaded lazily (only this fallback needs them). through a real `import()`
 * (tsconfig's `module: node20` keeps dynamic imports as they are).
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { LOOPBACK, embeddedDatabaseUrl } from './settings';

export interface RunningPglite {
  url: string;
  stop(): Promise<void>;
}

/** The part of PGlite the queue needs (kept small so that it can be unit-tested). */
export type QueueDb = Pick<PGlite, 'isInTransaction' | 'execProtocolRawStream'> & {
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
};

interface Item {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: Error) => void;
}

/**
 * Frontend messages after which the same connection must go on: the rest of an extended-protocol
 * batch (up to Sync) or of a COPY, which the server keeps as session state (unnamed portal...).
 */
const CONTINUES = new Set(
  ['P', 'B', 'D', 'E', 'C', 'H', 'd', 'c', 'f'].map((c) => c.charCodeAt(0)),
);
const SYNC = Uint8Array.from([0x53, 0, 0, 0, 4]);
/** Simple Query message `ROLLBACK` (sent inside runExclusive, where db.exec would wait forever). */
const ROLLBACK = simpleQuery('ROLLBACK');

export function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const message = Buffer.alloc(5 + text.length);
  message.write('Q', 0, 'latin1');
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return new Uint8Array(message);
}

/**
 * Runs protocol messages of many connections on one PGlite session, one at a time, without
 * interleaving a connection's batch (up to Sync) or transaction with another connection's.
 * Implements what PGLiteSocketHandler calls on its queue.
 */
export class ExclusiveQueue {
  private queue: Item[] = [];
  /** The connection that must run next, or null when any may. */
  private owner: number | null = null;
  private running = false;

  constructor(private readonly db: QueueDb) {}

  enqueue(
    handlerId: number,
    message: Uint8Array,
    onData: (data: Uint8Array) => void,
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** A connection went away: end its batch and roll its transaction back, then let others in. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    await this.db.runExclusive(async () => {
      await this.db.execProtocolRawStream(SYNC, { onRawData: () => undefined });
      if (this.db.isInTransaction()) {
        await this.db.execProtocolRawStream(ROLLBACK, { onRawData: () => undefined });
      }
    });
    this.owner = null;
    void this.drain();
  }

  private next(): Item | undefined {
    if (this.owner === null) return this.queue.shift();
    const i = this.queue.findIndex((item) => item.handlerId === this.owner);
    return i === -1 ? undefined : this.queue.splice(i, 1)[0];
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        const current = item;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
        } catch (err) {
          this.owner = this.db.isInTransaction() ? current.handlerId : null;
          current.reject(err instanceof Error ? err : new Error(String(err)));
          continue;
        }
        const continues = current.message.length > 0 && CONTINUES.has(current.message[0]);
        this.owner = continues || this.db.isInTransaction() ? current.handlerId : null;
        current.resolve(bytes);
      }
    } finally {
      this.running = false;
    }
  }
}

export async function startPglite(dataDir: string, port: number): Promise<RunningPglite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketHandler } = await import('@electric-sql/pglite-socket');
  const dir = path.join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create({ dataDir: dir });
  const queue = new ExclusiveQueue(db);
  const sockets = new Set<Socket>();

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const handler = new PGLiteSocketHandler({
      // ExclusiveQueue implements every method the handler calls on pglite-socket's own queue
      // class, whose private fields make TypeScript reject a structurally equal type.
      queryQueue: queue as unknown as ConstructorParameters<
        typeof PGLiteSocketHandler
      >[0]['queryQueue'],
      closeOnDetach: true,
    });
    handler.attach(socket).catch(() => socket.destroy());
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, LOOPBACK, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await db.close();
    throw err;
  }

  return {
    url: embeddedDatabaseUrl('pglite', port),
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await db.close();
    },
  };
}
