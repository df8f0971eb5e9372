import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHolidays } from '../calendar/holidays';
import { addCalendarDays, computeSchedule } from '../calendar/working-days';
import { PLANS_DIR } from './load-plans';
import { parsePlan, type PlanStep, type StepKind, type StepOfKind } from './plan.schema';

const plan = parsePlan(
  JSON.parse(readFileSync(join(PLANS_DIR, 'rust-backend-engineer.plan.json'), 'utf8')),
);
const steps = plan.phases.flatMap((p) => p.steps);
const byId = new Map(steps.map((s) => [s.id, s]));
const ofKind = <K extends StepKind>(kind: K) =>
  steps.filter((s): s is StepOfKind<K> => s.kind === kind);
const step = (id: string): PlanStep => {
  const found = byId.get(id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
};

describe('the default plan: rust-backend-engineer', () => {
  it('declares a cadre trial: 3 calendar months, renewable once (docs/plans.md)', () => {
    expect(plan.trial).toEqual({
      length: { calendarMonths: 3 },
      renewable: true,
      noticeDays: 8,
      decisionLeadWorkingDays: 10,
    });
  });

  it('is version 2 with a 5-day pre-boarding welcome', () => {
    expect(plan).toMatchObject({ key: 'rust-backend-engineer', version: 2 });
    expect(plan.preboarding.welcomeDaysBefore).toBe(5);
  });

  it('grants every system with a least-privilege scope', () => {
    const grants = ofKind('ACCESS_GRANT').map((s) => s.grant);
    expect(grants.map((g) => g.system).sort()).toEqual(
      [
        ...['ldap', 'git', 'ci', 'registry', 'postgres-staging', 'mongodb-staging'],
        ...['grafana', 'vpn', 'vault', 'postgres-prod'],
      ].sort(),
    );
    expect(grants.find((g) => g.system === 'mongodb-staging')?.scope).toBe('read-only');
    expect(grants.find((g) => g.system === 'postgres-staging')?.scope).toMatch(/read-write/);
    for (const g of grants) expect(g.scope).not.toMatch(/admin(?!\))|owner|superuser/i);
  });

  it('gates production read-only access on the security sign-off and the tech lead', () => {
    const prod = ofKind('ACCESS_GRANT').find((s) => s.grant.system === 'postgres-prod');
    expect(prod?.grant).toEqual({
      system: 'postgres-prod',
      scope: 'read-only',
      requiresApproval: true,
    });
    expect(prod?.dependsOn).toContain('security-sign-off');
    expect(ofKind('ACCESS_GRANT').filter((s) => s.grant.requiresApproval)).toEqual([prod]);
  });

  it('has the security sign-off documents, each with an id, title, version and content', () => {
    const signOff = step('security-sign-off');
    expect(signOff.kind).toBe('DOCUMENT_ACK');
    const documents = signOff.kind === 'DOCUMENT_ACK' ? signOff.documents : [];
    expect(documents.map((d) => d.id)).toEqual([
      'national-digital-security-guidelines',
      'confidentiality-commitment',
      'personal-data-protection',
      'secure-coding-rust',
      'incident-response',
    ]);
    for (const d of documents) expect(d.version && (d.url ?? d.text)).toBeTruthy();
    const rust = documents.find((d) => d.id === 'secure-coding-rust');
    expect(rust?.text?.en).toEqual(expect.stringMatching(/unsafe.*RustSec.*clippy.*rustfmt/));
  });

  it('has the codebase tours, each with a tech lead or peer guide', () => {
    const tours = ofKind('CODEBASE_TOUR');
    expect(tours.map((s) => s.id).sort()).toEqual([
      'tour-api-contracts',
      'tour-architecture-overview',
      'tour-async-services-and-data-layer',
      'tour-ci-cd-and-containers',
      'tour-code-review-practice',
      'tour-observability-and-profiling',
    ]);
    expect(tours.map((s) => s.tour.guide.role)).toEqual(
      expect.arrayContaining(['TECH_LEAD', 'PEER']),
    );
    const api = tours.find((s) => s.id === 'tour-api-contracts');
    expect(api?.tour.topics).toEqual(
      expect.arrayContaining(['protobuf', 'OpenAPI', 'error contracts']),
    );
    const async = tours.find((s) => s.id === 'tour-async-services-and-data-layer');
    expect(async?.tour.topics).toContain('tokio');
  });

  it('has checkpoints at calendar days 30, 60 and 90, the last with a probation recommendation', () => {
    const checkpoints = ofKind('CHECKPOINT');
    expect(checkpoints.map((s) => [s.id, s.due])).toEqual([
      ['checkpoint-day-30', { calendarDays: 30 }],
      ['checkpoint-day-60', { calendarDays: 60 }],
      ['checkpoint-day-90', { calendarDays: 90 }],
    ]);
    const criteria = checkpoints.map((s) => s.checkpoint.criteria.map((c) => c.id));
    expect(criteria[0]).toEqual(['environment-ready', 'tours-completed', 'first-change-merged']);
    expect(criteria[1]).toEqual(['owns-a-module', 'reviews-given', 'profiling-report']);
    expect(criteria[2]).toContain('feature-delivered');
    expect(checkpoints.map((s) => s.checkpoint.probationRecommendation)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('titles every phase and step in French and English', () => {
    for (const item of [...plan.phases, ...steps]) {
      expect(item.title.fr).not.toEqual(item.title.en);
    }
  });

  it('keeps each checkpoint after the work it reviews, whatever the start date', () => {
    const holidays = loadHolidays('TG').dates;
    const reviewed = [
      ['first-merged-change', 'checkpoint-day-30'],
      ['first-profiling-report', 'checkpoint-day-60'],
      ['deliver-feature-end-to-end', 'checkpoint-day-90'],
    ];
    // Every Monday of the years the Togo calendar covers (2026-01-05 is a Monday).
    for (let start = '2026-01-05'; start < '2027-10-01'; start = addCalendarDays(start, 7)) {
      const due = new Map(
        computeSchedule(plan, start, 'Africa/Lome', holidays).steps.map((s) => [
          s.stepId,
          s.dueDate,
        ]),
      );
      for (const [work, checkpoint] of reviewed) {
        expect(`${start}: ${work} ${due.get(work)}`).toEqual(
          `${start}: ${work} ${[due.get(work), due.get(checkpoint)].sort()[0]}`,
        );
      }
    }
  });
});
