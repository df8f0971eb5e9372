/**
 * The leaving journey on real parts (real-targets.ts: LDAP, SCIM, webhook, PostgreSQL role, the
 * whole stack): once the last working day has ended, every grant is revoked through the same path
 * a cancelled run uses and the verification finds nothing left; an emergency leave revokes at
 * once through the API. And who may do it: a tech lead may not start a leaving journey, a hire
 * sees neither it nor the trial on their run.
 */
import request from 'supertest';
import type { OffboardingResponseDto } from '../../../apps/api/src/offboarding/offboarding.dto';
import type { OnboardingDetailResponseDto } from '../../../apps/api/src/onboardings/dto/onboarding-detail-response.dto';
import { loadHolidays } from '../../../domain/calendar/holidays';
import { addWorkingDays } from '../../../domain/calendar/working-days';
import { offboardingWorkflowId, type OffboardEmployeeInput } from '../../../workflows/definitions';
import { slapdAvailable } from '../../../scripts/dev/slapd';
import { CONNECTED_STEPS, startRealTargets, type RealTargets } from './real-targets';

jest.setTimeout(240_000);

const PLAN_KEY = 'compressed-leaving';
const NOTHING_LEFT = {
  ldapEntries: 0,
  ldapGroups: [],
  scimActive: false,
  pgRole: false,
  webhook: false,
};
const TG = loadHolidays('TG').dates;
/** The working day on or after today + `offset` days (a last day must be a working day). */
const workingDay = (offset: number) => addWorkingDays(day(offset), 0, TG);
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const suite = slapdAvailable() ? describe : describe.skip;
suite('leaving with real connectors', () => {
  let t: RealTargets;
  let hr: string;
  beforeAll(async () => {
    t = await startRealTargets(PLAN_KEY);
    hr = `Bearer ${await t.stack.token('HR', 'hr-amina')}`;
  });
  afterAll(() => t?.stop());
  const server = () => t.stack.app.getHttpServer();

  /** A run whose five connected grants are in place in their target systems. */
  async function grantedRun(fullName: string, email: string) {
    const run = await t.createRun(hr, { fullName, email, startDate: day(-3) });
    const { uid } = run;
    // The PostgreSQL grant (after vpn, after ldap) mails the hire; the CI task follows git.
    await t.stack.mail.waitFor(
      (m) => m.envelopeTo.includes(email) && /postgres-staging/.test(m.parsed.subject ?? ''),
    );
    await t.stack.mail.waitFor(
      (m) =>
        (m.parsed.text ?? '').includes('Étape : Pipelines CI/CD') &&
        (m.parsed.text ?? '').includes(fullName),
    );
    await t.webhookGranted(uid);
    expect(await t.state(uid)).toEqual({
      ldapEntries: 1,
      ldapGroups: ['developers', 'vpn-users'],
      scimActive: true,
      pgRole: true,
      webhook: true,
    });
    return run;
  }

  async function offboardingStep(runId: string) {
    return t.stack.prisma.runStep.findUnique({
      where: { runId_stepId: { runId, stepId: 'offboarding' } },
    });
  }

  it('revokes everything at the end of the last working day and verifies nothing is left', async () => {
    const run = await grantedRun('Yawa Adjo', 'yawa.adjo@example.tg');
    // The last day ended yesterday (as when the leaving journey's timer fires): revoke now.
    const input: OffboardEmployeeInput = {
      runId: run.id,
      hireId: run.hire.id,
      techLeadSub: 'tl-akossiwa',
      lastDay: day(-1),
      startedBy: 'system:trial-end',
      source: 'TRIAL_END',
    };
    await t.stack.temporal.workflow.start('offboardEmployee', {
      workflowId: offboardingWorkflowId(run.hire.id),
      taskQueue: t.stack.config.temporal.taskQueue,
      args: [input],
    });
    await t.stack.mail.waitFor(
      (m) =>
        /Départ : tous les accès retirés/.test(m.parsed.subject ?? '') &&
        (m.parsed.text ?? '').includes('Yawa Adjo'),
    );
    expect(await t.state(run.uid)).toEqual(NOTHING_LEFT);
    const grants = await t.stack.prisma.accessGrant.findMany({ where: { runId: run.id } });
    expect(grants.map((g) => g.stepId)).toEqual(expect.arrayContaining(CONNECTED_STEPS));
    expect(grants.filter((g) => g.status !== 'REVOKED')).toEqual([]);
    const verified = await t.stack.prisma.auditEvent.findFirst({
      where: { runId: run.id, action: 'access.verified', entityId: `${run.id}:offboarding:1` },
    });
    expect(verified?.after).toMatchObject({ drift: false });
    expect((await offboardingStep(run.id))?.data).toMatchObject({ status: 'REVOKED' });
  });

  it('emergency leave: HR revokes everything at once, audited; a second call answers the same', async () => {
    const run = await grantedRun('Komi Mensah', 'komi.mensah@example.tg');
    const tl = `Bearer ${await t.stack.token('TECH_LEAD', 'tl-akossiwa')}`;
    const hire = `Bearer ${await t.stack.token('HIRE', 'idp-komi', { email: 'komi.mensah@example.tg' })}`;

    // Who may: not the tech lead, not the hire.
    const body = { lastDay: workingDay(30), reason: 'Resignation' };
    await request(server())
      .post(`/v1/onboardings/${run.id}/offboarding`)
      .set('Authorization', tl)
      .send(body)
      .expect(403);
    await request(server())
      .post(`/v1/onboardings/${run.id}/offboarding`)
      .set('Authorization', hire)
      .send(body)
      .expect(403);
    await request(server())
      .post(`/v1/onboardings/${run.id}/offboarding/revoke-now`)
      .set('Authorization', tl)
      .send({ reason: 'x' })
      .expect(403);

    // The shared date rule: a last day beyond the horizon is refused, naming the field and range.
    const far = await request(server())
      .post(`/v1/onboardings/${run.id}/offboarding`)
      .set('Authorization', hr)
      .send({ ...body, lastDay: '2099-06-01' })
      .expect(400);
    const refused = far.body as {
      errors: { name: string }[];
      allowedRange?: { earliest: string; latest: string };
    };
    expect(refused.errors.map((e) => e.name)).toEqual(['lastDay']);
    expect(refused.allowedRange?.latest).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const first = await request(server())
      .post(`/v1/onboardings/${run.id}/offboarding`)
      .set('Authorization', hr)
      .send(body)
      .expect(202);
    expect(first.body).toMatchObject({
      workflowId: offboardingWorkflowId(run.hire.id),
      status: 'SCHEDULED',
    });
    const again = await request(server())
      .post(`/v1/onboardings/${run.id}/offboarding`)
      .set('Authorization', hr)
      .send({ ...body, lastDay: workingDay(60) })
      .expect(202);
    const started = first.body as OffboardingResponseDto;
    expect(again.body).toMatchObject({ workflowId: started.workflowId, lastDay: body.lastDay });

    const revoked = await request(server())
      .post(`/v1/onboardings/${run.id}/offboarding/revoke-now`)
      .set('Authorization', hr)
      .send({ reason: 'Access to be removed today' })
      .expect(200);
    expect(revoked.body).toMatchObject({ emergency: true, status: 'REVOKED' });
    expect(await t.state(run.uid)).toEqual(NOTHING_LEFT);
    const audit = await t.stack.prisma.auditEvent.findMany({
      where: { runId: run.id, action: { in: ['offboarding.started', 'offboarding.revoke-now'] } },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['offboarding.started', 'hr-amina'],
      ['offboarding.revoke-now', 'hr-amina'],
    ]);

    // HR sees the leaving on the run; the hire sees their run without it.
    const forHr = await request(server())
      .get(`/v1/onboardings/${run.id}`)
      .set('Authorization', hr)
      .expect(200);
    expect((forHr.body as OnboardingDetailResponseDto).offboarding).toMatchObject({
      emergency: true,
      source: 'HR',
    });
    const forHire = await request(server())
      .get(`/v1/onboardings/${run.id}`)
      .set('Authorization', hire)
      .expect(200);
    expect((forHire.body as OnboardingDetailResponseDto).offboarding).toBeNull();
    expect(
      (forHire.body as OnboardingDetailResponseDto).steps.some((s) => s.phase === 'LEAVING'),
    ).toBe(false);
  });
});
