/** Builds the Prisma client on the `pg` driver adapter: no native engine is needed at run time. */
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from './generated/client';
import { preparedStatementName } from './prepared-statements';

export { PrismaClient };
export * from './generated/client';

export interface DatabaseConfig {
  url: string;
  schema: string;
  poolSize: number;
}

const pools = new WeakMap<PrismaClient, Pool>();

export function createPrismaClient(db: DatabaseConfig): PrismaClient {
  // adapter-pg ignores `?schema=` in the URL: the schema is passed explicitly, and set as the
  // search_path so that raw SQL (unqualified names) reads the same schema (a plain name, see env).
  // An `options=` parameter in DATABASE_URL would replace this one (pg lets the URL win).
  const pool = new Pool({
    connectionString: db.url,
    max: db.poolSize,
    options: `-c search_path=${db.schema}`,
  });
  const adapter = new PrismaPg(pool, {
    schema: db.schema,
    statementNameGenerator: preparedStatementName,
    disposeExternalPool: true, // $disconnect() ends the pool, as when the adapter owned it
  });
  const client = new PrismaClient({ adapter });
  // ...and so does a $disconnect() before Prisma itself ever connected (poolOf() reads only).
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    await disconnect();
    if (!pool.ended) await pool.end();
  };
  pools.set(client, pool);
  return client;
}

/**
 * The `pg` pool under a client made by createPrismaClient: for the few hot reads that skip
 * Prisma's query layer (apps/api/src/onboardings/read). Same connections, same limits.
 */
export function poolOf(client: PrismaClient): Pool {
  const pool = pools.get(client);
  if (!pool) throw new Error('poolOf: this PrismaClient was not made by createPrismaClient');
  return pool;
}
