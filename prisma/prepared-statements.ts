/**
 * Opt-in server-side prepared statements for hot read queries. PostgreSQL re-plans an unnamed
 * statement on every execution; for the run detail that planning cost more than the execution
 * (docs/performance.md). A query whose SQL starts with PREPARED gets a name derived from its text,
 * so each pooled connection parses and plans it once and then only binds and executes it.
 * Every other query (all of Prisma's own) stays unnamed, as before.
 */
import { createHash } from 'node:crypto';

export const PREPARED = '/* prepared */';

/** For PrismaPg's `statementNameGenerator`: '' leaves the statement unnamed. */
export function preparedStatementName(query: { sql: string }): string {
  if (!query.sql.startsWith(PREPARED)) return '';
  return `dfo_${createHash('sha1').update(query.sql).digest('base64url')}`;
}
