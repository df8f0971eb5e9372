import { ExclusiveQueue, simpleQuery, type QueueDb } from './pglite';

/** A stand-in for PGlite that records which connection's messages ran, in order. */
function fakeDb() {
  const ran: string[] = [];
  let inTx = false;
  const db: QueueDb = {
    isInTransaction: () => inTx,
    runExclusive: <T>(fn: () => Promise<T>) => fn(),
    async execProtocolRawStream(message, options) {
      await new Promise((r) => setTimeout(r, 1));
      const text = Buffer.from(message).toString('latin1');
      const type = text[0];
      const body = type === 'Q' ? text.slice(5, -1) : text.slice(5);
      if (type === 'Q' && body.endsWith('BEGIN')) inTx = true;
      if (type === 'Q' && (body.endsWith('COMMIT') || body.endsWith('ROLLBACK'))) inTx = false;
      ran.push(type === 'Q' ? body : `${type}${body}`);
      options?.onRawData(Uint8Array.from([1, 2, 3]));
    },
  };
  return { db, ran };
}

const msg = (type: string, tag: string) => {
  const b = Buffer.alloc(5 + tag.length);
  b.write(type, 0, 'latin1');
  b.writeInt32BE(4 + tag.length, 1);
  b.write(tag, 5, 'latin1');
  return new Uint8Array(b);
};

/** A connection sends its messages one after the other, as PGLiteSocketHandler does. */
async function client(q: ExclusiveQueue, id: number, messages: Uint8Array[]) {
  for (const m of messages) await q.enqueue(id, m, () => undefined);
}

describe('ExclusiveQueue', () => {
  it('never interleaves two connections inside an extended-protocol batch', async () => {
    const { db, ran } = fakeDb();
    const q = new ExclusiveQueue(db);
    const batch = (n: number) => ['P', 'B', 'D', 'E', 'S'].map((t) => msg(t, String(n)));
    await Promise.all([client(q, 1, batch(1)), client(q, 2, batch(2)), client(q, 3, batch(3))]);
    expect(ran.join(' ')).toBe('P1 B1 D1 E1 S1 P2 B2 D2 E2 S2 P3 B3 D3 E3 S3');
  });

  it('keeps the database for a connection while its transaction is open', async () => {
    const { db, ran } = fakeDb();
    const q = new ExclusiveQueue(db);
    await Promise.all([
      client(q, 1, [simpleQuery('1 BEGIN'), simpleQuery('1 INSERT'), simpleQuery('1 COMMIT')]),
      client(q, 2, [simpleQuery('2 SELECT')]),
    ]);
    expect(ran).toEqual(['1 BEGIN', '1 INSERT', '1 COMMIT', '2 SELECT']);
  });

  it('ends the batch and rolls back when the owning connection goes away', async () => {
    const { db, ran } = fakeDb();
    const q = new ExclusiveQueue(db);
    await q.enqueue(1, simpleQuery('1 BEGIN'), () => undefined);
    const waiting = q.enqueue(2, simpleQuery('2 SELECT'), () => undefined); // held: 1 owns
    const gone = q.enqueue(3, simpleQuery('3 SELECT'), () => undefined);
    q.clearQueueForHandler(3);
    await expect(gone).rejects.toThrow('Handler disconnected');
    await q.clearTransactionIfNeeded(1);
    await expect(waiting).resolves.toBe(3);
    expect(ran).toEqual(['1 BEGIN', 'S', 'ROLLBACK', '2 SELECT']);
    expect(q.getQueueLength()).toBe(0);
  });
});
