/**
 * The end of a trial through the API on the whole stack (API, worker, Temporal dev server,
 * PostgreSQL, SMTP): the tech lead ends it, the head of DF co-signs, the leaving journey starts
 * with the decided last day; the run detail and the list filter show the trial. Who may decide:
 * the run's tech lead (another one: 404), the co-signature only the head of DF (403).
 */
import request from 'supertest';
import { loadHolidays } from '../../domain/calendar/holidays';
import { addWorkingDays } from '../../domain/calendar/working-days';
import { parsePlan } from '../../domain/plans/plan.schema';
import { seedPlans } from '../../prisma/seed-plans';
import { offboardingWorkflowId } from '../../workflows/definitions';
import type { OnboardingDetailResponseDto } from '../../apps/api/src/onboardings/dto/onboarding-detail-response.dto';
import type { OnboardingListResponseDto } from '../../apps/api/src/onboardings/dto/onboarding-list-response.dto';
import { compressedPlan } from '../../scripts/dev/compressed-plan';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(180_000);

const PLAN = 'compressed-trial';
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  // A trial of 20 working days from a start 3 days ago: the decision opens at once.
  const plan = {
    ...compressedPlan(PLAN),
    trial: {
      length: { workingDays: 20 },
      renewable: true,
      noticeDays: 8,
      decisionLeadWorkingDays: 60,
    },
  };
  await seedPlans(stack.prisma, [parsePlan(plan)]);
});
afterAll(() => stack?.stop());

it('ends a trial with the head of DF’s co-signature and starts the leaving journey', async () => {
  const server = () => stack.app.getHttpServer();
  const hr = `Bearer ${await stack.token('HR', 'hr-amina')}`;
  const tl = `Bearer ${await stack.token('TECH_LEAD', 'tl-akossiwa')}`;
  const otherTl = `Bearer ${await stack.token('TECH_LEAD', 'tl-other')}`;
  const head = `Bearer ${await stack.token('HEAD_OF_DF', 'head-kossi')}`;
  const created = await request(server())
    .post('/v1/onboardings')
    .set('Authorization', hr)
    .send({
      fullName: 'Sena Amouzou',
      email: 'sena.amouzou@example.tg',
      startDate: day(-3),
      locale: 'fr',
      planKey: PLAN,
      techLead: { sub: 'tl-akossiwa', email: 'akossiwa@example.tg', name: 'Akossiwa Lawson' },
    })
    .expect(201);
  const run = created.body as { id: string; hire: { id: string } };

  await stack.mail.waitFor((m) =>
    /Décision de fin de période d’essai/.test(m.parsed.subject ?? ''),
  );
  const detail = await request(server()).get(`/v1/onboardings/${run.id}`).set('Authorization', hr);
  const trial = (detail.body as OnboardingDetailResponseDto).trial!;
  expect(trial).toMatchObject({ status: 'DECISION_OPEN', atRisk: true, renewable: true });
  const listed = await request(server())
    .get('/v1/onboardings?trialEndingWithinDays=60')
    .set('Authorization', hr)
    .expect(200);
  const row = (listed.body as OnboardingListResponseDto).items.find((r) => r.id === run.id);
  expect(row?.trial).toEqual({ status: 'DECISION_OPEN', endDate: trial.endDate, atRisk: true });
  // The hire sees the run in the list, not its trial decision.
  const hireList = await request(server())
    .get('/v1/onboardings')
    .set(
      'Authorization',
      `Bearer ${await stack.token('HIRE', 'h-sena', { email: 'sena.amouzou@example.tg' })}`,
    )
    .expect(200);
  expect((hireList.body as OnboardingListResponseDto).items).toEqual([
    expect.objectContaining({ id: run.id, trial: null }),
  ]);
  const none = await request(server())
    .get('/v1/onboardings?trialEndingWithinDays=0')
    .set('Authorization', hr)
    .expect(200);
  expect((none.body as OnboardingListResponseDto).items.map((r) => r.id)).not.toContain(run.id);

  const lastDay = addWorkingDays(day(10), 0, loadHolidays('TG').dates);
  const end = { trialDecision: 'END', reason: 'Expectations not met', lastDay };
  await request(server())
    .post(`/v1/onboardings/${run.id}/trial/decision`)
    .set('Authorization', otherTl)
    .send(end)
    .expect(404);
  await request(server())
    .post(`/v1/onboardings/${run.id}/trial/decision`)
    .set('Authorization', tl)
    .send({ trialDecision: 'END' })
    .expect(400);
  await request(server())
    .post(`/v1/onboardings/${run.id}/trial/decision`)
    .set('Authorization', tl)
    .send(end)
    .expect(200);

  await stack.mail.waitFor((m) =>
    /Cosigner une fin de période d’essai/.test(m.parsed.subject ?? ''),
  );
  await request(server())
    .post(`/v1/onboardings/${run.id}/trial/cosign`)
    .set('Authorization', tl)
    .send({ approve: true })
    .expect(403);
  await request(server())
    .post(`/v1/onboardings/${run.id}/trial/cosign`)
    .set('Authorization', head)
    .send({ approve: true })
    .expect(200);

  await stack.mail.waitFor((m) => /Départ programmé/.test(m.parsed.subject ?? ''));
  const after = await request(server()).get(`/v1/onboardings/${run.id}`).set('Authorization', hr);
  const body = after.body as OnboardingDetailResponseDto;
  expect(body.trial).toMatchObject({ status: 'ENDED', lastDay, atRisk: false });
  expect(body.offboarding).toMatchObject({ status: 'SCHEDULED', lastDay, source: 'TRIAL_END' });
  const desc = await stack.temporal.workflow
    .getHandle(offboardingWorkflowId(run.hire.id))
    .describe();
  expect(desc.status.name).toBe('RUNNING');
  const decided = await stack.prisma.auditEvent.findMany({
    where: { runId: run.id, action: 'trial.decided' },
    orderBy: { id: 'asc' },
  });
  expect(decided.map((e) => [e.actor, (e.after as { decision: string }).decision])).toEqual([
    ['tl-akossiwa', 'END'],
    ['head-kossi', 'END_COSIGNED'],
  ]);
});
