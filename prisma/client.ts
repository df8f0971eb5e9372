/** Builds the Prisma client on the `pg` driver adapter: no native engine is needed at run time. */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { preparedStatementName } from './prepared-statements';

export { PrismaClient };
export * from './generated/client';

export interface DatabaseConfig {
  url: string;
  schema: string;
  poolSize: number;
}

export function createPrismaClient(db: DatabaseConfig): PrismaClient {
  // adapter-pg ignores `?schema=` in the URL: the schema is passed explicitly.
  const adapter = new PrismaPg(
    { connectionString: db.url, max: db.poolSize },
    { schema: db.schema, statementNameGenerator: preparedStatementName },
  );
  return new PrismaClient({ adapter });
}
