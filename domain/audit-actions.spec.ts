/**
 * The list of audit actions stays complete: every action a writer of the trail names (a literal
 * in an audit call or a `where` on the trail, a named constant, `run.<status>`) is in
 * AUDIT_ACTIONS, so the console labels it (its type check requires a label for each, fr and en).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_ACTIONS } from './audit-actions';

const ROOT = path.resolve(__dirname, '..');
/**
 * Where the trail is written or its actions named: the worker's activities, the API, the
 * workflows, the seed, config and domain (e.g. domain/calendar/coverage.ts), but not the list.
 */
const WRITERS = ['activities', 'apps/api/src', 'workflows', 'prisma', 'config', 'domain'];
const LIST = path.join(ROOT, 'domain/audit-actions.ts');
/** The entities an action starts with (a literal `'<entity>.<verb>'`, e.g. in a ternary). */
const ENTITY =
  /'((?:run|step|task|access|checkpoint|tour|trial|offboarding|plan|auth)\.[a-z_-]+)'/g;
/** Any `action: '…'` literal, whatever its entity. */
const ACTION_FIELD = /\baction:\s*'([^']+)'/g;
/** A named constant of an action (`… = 'run.calendar-coverage'`). */
const CONSTANT = /\b[A-Z_]+_ACTION\b\s*=\s*'([^']+)'|\bACCESS_VERIFIED\s*=\s*'([^']+)'/g;

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter(
      (e) =>
        e.isFile() &&
        e.name.endsWith('.ts') &&
        !e.name.endsWith('.spec.ts') &&
        !e.name.endsWith('.d.ts'),
    )
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => file !== LIST && !file.includes(`${path.sep}generated${path.sep}`));
}

function writtenActions(): Set<string> {
  const found = new Set<string>();
  for (const file of WRITERS.flatMap(sources)) {
    const text = readFileSync(file, 'utf8');
    for (const re of [ENTITY, ACTION_FIELD, CONSTANT])
      for (const m of text.matchAll(re)) found.add(m[1] ?? m[2]);
  }
  // `run.${status.toLowerCase()}` in activities/run.activities.ts: one per RunStatus.
  const schema = readFileSync(path.join(ROOT, 'prisma/schema.prisma'), 'utf8');
  const statuses = /enum RunStatus \{([^}]*)\}/.exec(schema)![1].trim().split(/\s+/);
  for (const s of statuses) found.add(`run.${s.toLowerCase()}`);
  return found;
}

describe('audit actions', () => {
  it('lists every action the engine writes on the trail', () => {
    const written = writtenActions();
    const known = new Set<string>(AUDIT_ACTIONS);
    expect([...written].filter((a) => !known.has(a)).sort()).toEqual([]);
  });

  it('lists no action that nothing writes any more', () => {
    const written = writtenActions();
    expect(AUDIT_ACTIONS.filter((a) => !written.has(a))).toEqual([]);
  });

  it('names each action once', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });
});
