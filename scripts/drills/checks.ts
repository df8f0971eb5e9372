/**
 * "Nothing lost, nothing duplicated", checked on the real targets after each drill:
 * - the directory (slapd): exactly one account per run, in each of its groups, none extra;
 * - the SMTP server: each email of the log delivered exactly once (counted by Message-ID), every
 *   email of a run SENT, and no delivery the log does not know about;
 * - the read model: every run COMPLETED, with the same emails and audit events as a run that met
 *   no failure (the reference, taken from the baseline drill).
 */
import { Client } from 'ldapts';
import { usernameFor } from '../../activities/provisioning.activities';
import { LDAP_GROUPS } from './plan';
import { allRuns, type DrillRun } from './runs';
import type { DrillSystem } from './system';

/** What one run left behind: sorted email templates and audit actions. */
export interface RunTrace {
  emails: string[];
  audit: string[];
}

export interface Verdict {
  problems: string[];
  traces: Map<string, RunTrace>;
  emails: number;
  auditEvents: number;
}

async function traces(sys: DrillSystem, runs: DrillRun[]): Promise<Map<string, RunTrace>> {
  const ids = runs.map((r) => r.id);
  const emails = await sys.db.query<{ run_id: string; template: string }>(
    'SELECT run_id, template FROM email_log WHERE run_id = ANY($1::uuid[])',
    [ids],
  );
  const audit = await sys.db.query<{ run_id: string; action: string }>(
    'SELECT run_id, action FROM audit_event WHERE run_id = ANY($1::uuid[])',
    [ids],
  );
  const byRun = new Map(ids.map((id) => [id, { emails: [] as string[], audit: [] as string[] }]));
  for (const e of emails.rows) byRun.get(e.run_id)!.emails.push(e.template);
  for (const a of audit.rows) byRun.get(a.run_id)!.audit.push(a.action);
  for (const t of byRun.values()) {
    t.emails.sort();
    t.audit.sort();
  }
  return byRun;
}

async function checkDirectory(sys: DrillSystem, runs: DrillRun[]): Promise<string[]> {
  const problems: string[] = [];
  const ldap = new Client({ url: sys.slapd.url });
  try {
    await ldap.bind(sys.slapd.adminDn, sys.slapd.adminPassword);
    const people = await ldap.search(sys.slapd.peopleDn, { scope: 'one', filter: '(uid=*)' });
    const uids = people.searchEntries.map((e) => String(e.uid));
    const known = new Set(allRuns.map((r) => usernameFor(r.hireId)));
    const extra = uids.filter((u) => !known.has(u));
    if (extra.length)
      problems.push(`LDAP: ${extra.length} account(s) of no run: ${extra.join(', ')}`);
    const groups = await ldap.search(sys.slapd.groupsDn, { scope: 'one', filter: '(cn=*)' });
    for (const run of runs) {
      const uid = usernameFor(run.hireId);
      const count = uids.filter((u) => u === uid).length;
      if (count !== 1) problems.push(`LDAP: ${count} accounts for ${uid} (run ${run.id})`);
      const dn = `uid=${uid},${sys.slapd.peopleDn}`.toLowerCase();
      for (const group of LDAP_GROUPS) {
        const entry = groups.searchEntries.find((g) => g.cn === group);
        const members = ([] as unknown[])
          .concat(entry?.member ?? [])
          .map((m) => String(m).toLowerCase());
        const n = members.filter((m) => m === dn).length;
        if (n !== 1) problems.push(`LDAP: ${uid} is ${n} time(s) in ${group}`);
      }
    }
  } finally {
    await ldap.unbind();
  }
  return problems;
}

async function checkMail(
  sys: DrillSystem,
  runs: DrillRun[],
): Promise<{ problems: string[]; emails: number }> {
  const problems: string[] = [];
  const { rows } = await sys.db.query<{
    idempotency_key: string;
    status: string;
    message_id: string | null;
  }>('SELECT idempotency_key, status, message_id FROM email_log WHERE run_id = ANY($1::uuid[])', [
    runs.map((r) => r.id),
  ]);
  const deliveries = new Map<string, number>();
  for (const m of sys.mail()) {
    const id = m.parsed.messageId ?? '';
    deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
  }
  const logged = new Set<string>();
  for (const row of rows) {
    if (row.status !== 'SENT') problems.push(`email ${row.idempotency_key} is ${row.status}`);
    if (!row.message_id) continue;
    logged.add(row.message_id);
    const n = deliveries.get(row.message_id) ?? 0;
    if (n !== 1) problems.push(`email ${row.idempotency_key} delivered ${n} time(s)`);
  }
  const hires = new Set(runs.map((r) => r.email));
  const unknown = sys
    .mail()
    .filter(
      (m) => m.envelopeTo.some((to) => hires.has(to)) && !logged.has(m.parsed.messageId ?? ''),
    );
  if (unknown.length)
    problems.push(`${unknown.length} delivery(ies) to these hires missing from the email log`);
  return { problems, emails: rows.length };
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Every check for `runs`; `reference` is the trace of an undisturbed run (none: baseline). */
export async function verify(
  sys: DrillSystem,
  runs: DrillRun[],
  reference?: RunTrace,
): Promise<Verdict> {
  const { rows } = await sys.db.query<{ id: string; status: string }>(
    'SELECT id, status FROM onboarding_run WHERE id = ANY($1::uuid[])',
    [runs.map((r) => r.id)],
  );
  const problems = rows
    .filter((r) => r.status !== 'COMPLETED')
    .map((r) => `run ${r.id} is ${r.status}`);
  if (rows.length !== runs.length)
    problems.push(`${runs.length - rows.length} run(s) missing from the read model`);
  problems.push(...(await checkDirectory(sys, runs)));
  const mail = await checkMail(sys, runs);
  problems.push(...mail.problems);
  const byRun = await traces(sys, runs);
  const ref = reference ?? byRun.values().next().value;
  let auditEvents = 0;
  for (const [id, t] of byRun) {
    auditEvents += t.audit.length;
    if (!ref) break;
    if (!same(t.emails, ref.emails))
      problems.push(`run ${id} emails [${t.emails.join(', ')}] differ from the reference`);
    if (!same(t.audit, ref.audit))
      problems.push(`run ${id} audit [${t.audit.join(', ')}] differs from the reference`);
  }
  return { problems, traces: byRun, emails: mail.emails, auditEvents };
}

/**
 * One V8 stack frame: `at fn (/path/file.js:12:5)`, `at /path/file.js:12:5` or
 * `at node:internal/x:1:2`. The location must name a script file, so prose such as
 * "removed at once" followed by an ISO timestamp (`10:00:00`) is not taken for a frame.
 */
const STACK_FRAME =
  /\bat (?:[^\s()]+ (?:\[as \S+\] )?\()?(?:node:[\w/]+|(?:file:\/\/)?[^\s():"]*\.[cm]?[jt]s|<anonymous>):\d+:\d+/;

/** A Node.js stack frame or a build path leaking into a response. */
export function hasStackTrace(body: string): boolean {
  return STACK_FRAME.test(body) || /node_modules\/|dist\/apps\//.test(body);
}
