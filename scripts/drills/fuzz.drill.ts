/**
 * Fuzzing from the served OpenAPI document with schemathesis (PyPI, pinned, in its own venv
 * .tools/fuzz-venv): every operation gets schema examples, boundary ("coverage") cases and
 * generated valid and invalid requests, sent with a bearer token holding every staff role.
 * Contract: never a 5xx, never a stack trace in an answer. Every exchange is kept as a HAR file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasStackTrace } from './checks';
import type { Drill } from './drill';
import { log } from './wait';

export const SCHEMATHESIS_VERSION = '4.32.5';
const ROOT = path.resolve(__dirname, '..', '..', '..');
const VENV = path.join(ROOT, '.tools', 'fuzz-venv');
const ST = path.join(VENV, 'bin', 'st');

/** Installs the pinned schemathesis once (about 20 s from PyPI). */
function ensureSchemathesis(): void {
  const stamp = path.join(VENV, `.installed-${SCHEMATHESIS_VERSION}`);
  if (existsSync(stamp) && existsSync(ST)) return;
  log(`installing schemathesis==${SCHEMATHESIS_VERSION} into .tools/fuzz-venv`);
  const steps: [string, string[]][] = [
    ['python3', ['-m', 'venv', VENV]],
    [
      path.join(VENV, 'bin', 'pip'),
      [
        'install',
        '--quiet',
        '--disable-pip-version-check',
        `schemathesis==${SCHEMATHESIS_VERSION}`,
      ],
    ],
  ];
  for (const [cmd, args] of steps) {
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
  }
  writeFileSync(stamp, '');
}

interface HarEntry {
  request: { method: string; url: string };
  response: { status: number; content?: { text?: string } };
}

export const fuzzDrill: Drill = {
  name: 'OpenAPI fuzzing',
  claim: 'no request, valid or not, gets a 5xx or a stack trace',
  async run(sys) {
    ensureSchemathesis();
    const examples = process.env.DRILLS_FUZZ_EXAMPLES ?? '50';
    const token = await sys.token(['HR', 'ADMIN', 'HEAD_OF_DF', 'TECH_LEAD', 'IT'], 'fuzz-staff');
    const har = path.join(sys.dir, 'fuzz.har');
    const args = [
      'run',
      `${sys.apiUrl}/openapi.json`,
      '--url',
      sys.apiUrl,
      '--header',
      `Authorization: Bearer ${token}`,
      '--checks',
      'not_a_server_error',
      '--max-examples',
      examples,
      '--seed',
      '20261125',
      '--workers',
      '2',
      '--request-timeout',
      '15',
      '--suppress-health-check',
      'all',
      '--report',
      'har',
      '--report-har-path',
      har,
    ];
    // The document fuzzed, kept beside the HAR file (DRILLS_KEEP=1) to read the warnings against.
    const spec = await fetch(`${sys.apiUrl}/openapi.json`);
    writeFileSync(path.join(sys.dir, 'openapi.json'), await spec.text());
    const t0 = Date.now();
    const st = spawnSync(ST, args, { encoding: 'utf8', cwd: sys.dir, timeout: 900_000 });
    const output = `${st.stdout ?? ''}${st.stderr ?? ''}`;
    writeFileSync(path.join(sys.dir, 'logs', 'schemathesis.log'), output);
    const entries = existsSync(har)
      ? (JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: HarEntry[] } }).log.entries
      : [];
    const problems: string[] = [];
    const errors = entries.filter((e) => e.response.status >= 500);
    for (const e of errors.slice(0, 10)) {
      problems.push(
        `${e.response.status} on ${e.request.method} ${new URL(e.request.url).pathname}`,
      );
    }
    const traces = entries.filter((e) => hasStackTrace(e.response.content?.text ?? ''));
    for (const e of traces.slice(0, 10)) {
      problems.push(`stack trace in ${e.request.method} ${new URL(e.request.url).pathname}`);
    }
    if (entries.length === 0) problems.push(`schemathesis sent nothing:\n${output.slice(-2000)}`);
    if (st.status !== 0 && errors.length === 0) {
      problems.push(
        `schemathesis exited ${st.status} (see logs/schemathesis.log):\n${output.slice(-1500)}`,
      );
    }
    const operations = /(\d+) operations? (?:tested|selected)/.exec(output)?.[0] ?? '';
    // schemathesis's coverage warnings, by title: operations whose generated requests mostly got
    // 400/422 (the document omits a rule the API enforces), never found data (random ids), or
    // were accepted too rarely to test the logic behind them.
    const warned = (title: string) =>
      new RegExp(`${title}[^\\d\\n]*\\n?[^\\d\\n]*(\\d+) operations?`).exec(output)?.[1] ?? '0';
    const rejected = warned('Schema validation mismatch');
    const missing = warned('Missing test data');
    const lowValid = warned('Low valid-input rate');
    const statuses = new Map<number, number>();
    for (const e of entries)
      statuses.set(e.response.status, (statuses.get(e.response.status) ?? 0) + 1);
    const byStatus = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}:${n}`)
      .join(' ');
    return {
      cases: entries.length,
      detail: `${entries.length} requests (${examples} examples/operation${operations ? `, ${operations}` : ''}) in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${errors.length} 5xx, ${traces.length} stack traces; statuses ${byStatus}; warnings: ${rejected} operations mostly rejected, ${missing} without test data, ${lowValid} low valid-input rate`,
      problems,
    };
  },
};
