/**
 * Opt-in server-side prepared statements for hot read queries. PostgreSQL re-plans an unnamed
 * statement on every execution; for the run detail that planning cost more than the execution
 * (docs/performance.md). A query whose SQL starts with PREPARED gets a name derived from its text,
 * so each pooled connection parses and plans it once and then only binds and executes it.
 * Every other query (all of Prisma's own) stays unnamed, as before.
 */
import { createHash } from 'node:crypto';

export const PREPARED = '/* prepared */';

/** Names by SQL text: hashing the text on every execution showed in the read profile. */
const names = new Map<string, string>();
/** A few dozen texts in practice (docs/performance.md); the bound only guards against misuse. */
const MAX_NAMES = 1_000;

/** For PrismaPg's `statementNameGenerator`: '' leaves the statement unnamed. */
export function preparedStatementName(query: { sql: string }): string {
  if (!query.sql.startsWith(PREPARED)) return '';
  let name = names.get(query.sql);
  if (name === undefined) {
    name = `dfo_${createHash('sha1').update(query.sql).digest('base64url')}`;
    if (names.size >= MAX_NAMES) names.clear();
    names.set(query.sql, name);
  }
  return name;
}
