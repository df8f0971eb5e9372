/**
 * `POST /v1/offboardings` on the whole stack with real targets (real-targets.ts: slapd for `ldap`
 * and `vpn`, SCIMMY for `git`, a signed webhook for `registry`, a PostgreSQL role for
 * `postgres-staging`): a person who was never onboarded here holds accounts under their own
 * name; the leaving journey finds them (by email in LDAP, or in SCIM when LDAP does not know
 * them), records given grants for a manual system, answers the same person twice with one
 * journey, sends a person with an onboarding run to it, and an emergency leave removes everything.
 * Who may: HR starts, a tech lead reads their own people's, a hire sees nothing.
 */
import request from 'supertest';
import type { OffboardingDetailDto } from '../../../apps/api/src/offboarding/direct-offboarding.dto';
import { loadHolidays } from '../../../domain/calendar/holidays';
import { addWorkingDays } from '../../../domain/calendar/working-days';
import { slapdAvailable } from '../../../scripts/dev/slapd';
import { startRealTargets, type RealTargets } from './real-targets';

jest.setTimeout(240_000);

const TG = loadHolidays('TG').dates;
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const workingDay = (offset: number) => addWorkingDays(day(offset), 0, TG);
const CONNECTED = ['ldap', 'vpn', 'git', 'registry', 'postgres-staging'];
const AMA = { username: 'akpodar', email: 'ama.kpodar@example.tg', fullName: 'Ama Kpodar' };
const TECH_LEAD = { sub: 'tl-yao', email: 'yao.agbeko@example.tg', name: 'Yao Agbeko' };

const suite = slapdAvailable() ? describe : describe.skip;
suite('leaving for a person with no onboarding run', () => {
  let t: RealTargets;
  let hr: string;
  const server = () => t.stack.app.getHttpServer();
  const body = (over: Record<string, unknown> = {}) => ({
    person: { fullName: AMA.fullName, email: AMA.email, locale: 'fr' },
    techLead: TECH_LEAD,
    lastDay: workingDay(30),
    reason: 'Resignation',
    grants: [{ system: 'mongodb-staging', scope: 'read/write on the staging cluster' }],
    discover: true,
    ...over,
  });
  let created: OffboardingDetailDto;

  beforeAll(async () => {
    t = await startRealTargets('compressed-leaving-direct');
    hr = `Bearer ${await t.stack.token('HR', 'hr-amina')}`;
    await t.provisionOutside(AMA, CONNECTED);
    expect(await t.state(AMA.username)).toEqual({
      ldapEntries: 1,
      ldapGroups: ['developers', 'vpn-users'],
      scimActive: true,
      pgRole: true,
      webhook: true,
    });
  });
  afterAll(() => t?.stop());

  it('refuses bad input with problem+json naming each field', async () => {
    const res = await request(server())
      .post('/v1/offboardings')
      .set('Authorization', hr)
      .send({
        ...body(),
        person: { fullName: '', email: 'not-an-email', locale: 'de' },
        grants: [{ system: 'Mongo DB', scope: 'x' }],
      })
      .expect(400)
      .expect('content-type', /application\/problem\+json/);
    const names = (res.body as { errors: { name: string }[] }).errors.map((e) => e.name).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'grants.0.system',
        'person.email',
        'person.fullName',
        'person.locale',
      ]),
    );
    const twice = await request(server())
      .post('/v1/offboardings')
      .set('Authorization', hr)
      .send(
        body({
          grants: [
            { system: 'vault', scope: 'a' },
            { system: 'vault', scope: 'b' },
          ],
        }),
      )
      .expect(400);
    expect((twice.body as { errors: { name: string }[] }).errors).toEqual([
      { name: 'grants[1].system', reason: 'one grant per system' },
    ]);
    const past = await request(server())
      .post('/v1/offboardings')
      .set('Authorization', hr)
      .send(body({ lastDay: day(-7) }))
      .expect(400);
    expect((past.body as { errors: { name: string }[] }).errors.map((e) => e.name)).toEqual([
      'lastDay',
    ]);
    expect(await t.stack.prisma.hire.count({ where: { email: AMA.email } })).toBe(0);
  });

  it('a tech lead or a hire may not start one', async () => {
    const tl = `Bearer ${await t.stack.token('TECH_LEAD', TECH_LEAD.sub)}`;
    const hire = `Bearer ${await t.stack.token('HIRE', 'idp-ama', { email: AMA.email })}`;
    for (const who of [tl, hire])
      await request(server())
        .post('/v1/offboardings')
        .set('Authorization', who)
        .send(body())
        .expect(403);
  });

  it('starts the journey, discovers what the person holds on the real targets, keeps the given grant', async () => {
    const res = await request(server())
      .post('/v1/offboardings')
      .set('Authorization', hr)
      .send(body())
      .expect(201);
    created = res.body as OffboardingDetailDto;
    expect(res.headers.location).toBe(`/v1/offboardings/${created.id}`);
    expect(created).toMatchObject({
      kind: 'NO_ONBOARDING_RUN',
      person: { fullName: AMA.fullName, email: AMA.email },
      plan: 'leaving@1',
      lastDay: body().lastDay,
    });
    // HR, IT and the tech lead are told once discovery is done.
    await t.stack.mail.waitFor(
      (m) =>
        /Départ programmé/.test(m.parsed.subject ?? '') && m.envelopeTo.includes(TECH_LEAD.email),
    );
    const read = await request(server())
      .get(`/v1/offboardings/${created.id}`)
      .set('Authorization', hr)
      .expect(200);
    const detail = read.body as OffboardingDetailDto;
    expect(detail.grants.map((g) => [g.system, g.source, g.status]).sort()).toEqual(
      [
        ['mongodb-staging', 'GIVEN', 'GRANTED'],
        ...CONNECTED.map((s) => [s, 'DISCOVERED', 'GRANTED']),
      ].sort(),
    );
    expect(detail.steps.map((s) => [s.stepId, s.title.fr, s.owner])).toEqual([
      ['leaving-handover', 'Passation des travaux en cours', 'TECH_LEAD'],
      ['leaving-return-equipment', 'Restitution du matériel', 'IT'],
      ['leaving-exit-conversation', 'Entretien de départ', 'HR'],
      ['leaving-knowledge-transfer', 'Transfert de connaissances', 'HIRE'],
    ]);
    const discovered = await t.stack.prisma.auditEvent.findFirst({
      where: { runId: created.id, action: 'access.discovered' },
    });
    expect(discovered?.after).toMatchObject({ username: AMA.username, failed: [] });
    const started = await t.stack.prisma.auditEvent.findFirst({
      where: { runId: created.id, action: 'offboarding.started' },
    });
    expect(started).toMatchObject({
      actor: 'hr-amina',
      after: { source: 'DIRECT', reason: 'Resignation' },
    });
  });

  it('mails each leaving task with its title from the leaving plan', async () => {
    const handover = await t.stack.mail.waitFor(
      (m) => m.envelopeTo.includes(TECH_LEAD.email) && /Passation/.test(m.parsed.subject ?? ''),
    );
    expect(handover.parsed.subject).toBe(
      '[Nouvelle tâche] Passation des travaux en cours — Ama Kpodar',
    );
    const transfer = await t.stack.mail.waitFor(
      (m) => m.envelopeTo.includes(AMA.email) && /Transfert/.test(m.parsed.subject ?? ''),
    );
    expect(transfer.parsed.text).toContain('Documenter les services dont vous êtes responsable');
    // The leaver finds the task in their list, titled from the plan.
    const hire = `Bearer ${await t.stack.token('HIRE', 'idp-ama', { email: AMA.email })}`;
    const mine = await request(server())
      .get('/v1/tasks/mine')
      .set('Authorization', hire)
      .expect(200);
    expect(
      (mine.body as { stepId: string; stepTitle: { fr: string } | null }[]).map((m) => [
        m.stepId,
        m.stepTitle?.fr,
      ]),
    ).toEqual([['leaving-knowledge-transfer', 'Transfert de connaissances']]);
  });

  it('answers the same person twice with the one journey (200), whatever the body', async () => {
    const again = await request(server())
      .post('/v1/offboardings')
      .set('Authorization', hr)
      .send(body({ lastDay: workingDay(40), grants: undefined }))
      .expect(200);
    expect((again.body as OffboardingDetailDto).id).toBe(created.id);
    expect((again.body as OffboardingDetailDto).lastDay).toBe(created.lastDay);
    expect(
      await t.stack.prisma.onboardingRun.count({ where: { hire: { email: AMA.email } } }),
    ).toBe(1);
  });

  it('twenty concurrent starts for one new person make one journey: one 201, the rest 200', async () => {
    const koffi = { fullName: 'Koffi Ayivi', email: 'koffi.ayivi@example.tg', locale: 'en' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(server())
          .post('/v1/offboardings')
          .set('Authorization', hr)
          .send(body({ person: koffi, discover: false })),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([...Array<number>(19).fill(200), 201]);
    expect(new Set(answers.map((a) => (a.body as OffboardingDetailDto).id)).size).toBe(1);
    const runs = await t.stack.prisma.onboardingRun.findMany({
      where: { hire: { email: koffi.email } },
    });
    expect(runs).toHaveLength(1);
    const started = await t.stack.prisma.auditEvent.count({
      where: { runId: runs[0].id, action: 'offboarding.started' },
    });
    expect(started).toBe(1);
  });

  it('sends a person who has an onboarding run to that run’s leaving journey (409)', async () => {
    const run = await request(server())
      .post('/v1/onboardings')
      .set('Authorization', hr)
      .send({
        fullName: 'Kossi Dovi',
        email: 'kossi.dovi@example.tg',
        startDate: workingDay(20),
        locale: 'fr',
        planKey: 'compressed-leaving-direct',
        techLead: TECH_LEAD,
      })
      .expect(201);
    const runId = (run.body as { id: string }).id;
    const res = await request(server())
      .post('/v1/offboardings')
      .set('Authorization', hr)
      .send(
        body({ person: { fullName: 'Kossi Dovi', email: 'kossi.dovi@example.tg', locale: 'fr' } }),
      )
      .expect(409)
      .expect('content-type', /application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'OnboardingRunExists',
      runId,
      offboarding: `/v1/onboardings/${runId}/offboarding`,
    });
  });

  it('who may read it: HR, the person’s tech lead; not another tech lead, not a hire', async () => {
    const own = `Bearer ${await t.stack.token('TECH_LEAD', TECH_LEAD.sub)}`;
    const other = `Bearer ${await t.stack.token('TECH_LEAD', 'tl-akossiwa')}`;
    const hire = `Bearer ${await t.stack.token('HIRE', 'idp-ama', { email: AMA.email })}`;
    const url = `/v1/offboardings/${created.id}`;
    await request(server()).get(url).set('Authorization', own).expect(200);
    await request(server()).get(url).set('Authorization', other).expect(404);
    await request(server()).get(url).set('Authorization', hire).expect(403);
    await request(server()).get('/v1/offboardings/not-a-uuid').set('Authorization', hr).expect(400);
  });

  it('the run of a leaving journey alone takes no onboarding control (409)', async () => {
    const cancel = await request(server())
      .post(`/v1/onboardings/${created.id}/cancel`)
      .set('Authorization', hr)
      .send({ reason: 'wrong person' })
      .expect(409)
      .expect('content-type', /application\/problem\+json/);
    expect(cancel.body).toMatchObject({
      code: 'LeavingJourneyOnly',
      offboarding: `/v1/offboardings/${created.id}`,
    });
  });

  it('finds a person LDAP does not know through SCIM', async () => {
    const efua = { username: 'eaddo', email: 'efua.addo@example.tg', fullName: 'Efua Addo' };
    await t.provisionOutside(efua, ['git']);
    const res = await request(server())
      .post('/v1/offboardings')
      .set('Authorization', hr)
      .send(
        body({
          person: { ...efua, username: undefined, locale: 'en' },
          grants: undefined,
          discover: undefined,
        }),
      )
      .expect(201);
    const id = (res.body as OffboardingDetailDto).id;
    await t.stack.mail.waitFor(
      (m) =>
        /Départ programmé/.test(m.parsed.subject ?? '') &&
        (m.parsed.text ?? '').includes('Efua Addo'),
    );
    const read = await request(server())
      .get(`/v1/offboardings/${id}`)
      .set('Authorization', hr)
      .expect(200);
    expect((read.body as OffboardingDetailDto).grants.map((g) => [g.system, g.source])).toEqual([
      ['git', 'DISCOVERED'],
    ]);
  });

  it('emergency leave: every discovered access is removed from the real targets at once', async () => {
    const res = await request(server())
      .post(`/v1/onboardings/${created.id}/offboarding/revoke-now`)
      .set('Authorization', hr)
      .send({ reason: 'Access to be removed today' })
      .expect(200);
    expect(res.body).toMatchObject({ emergency: true, status: 'REVOKED' });
    expect(await t.state(AMA.username)).toEqual({
      ldapEntries: 0,
      ldapGroups: [],
      scimActive: false,
      pgRole: false,
      webhook: false,
    });
    // HR and IT are told once the revocation is verified and projected.
    await t.stack.mail.waitFor(
      (m) =>
        /Départ : tous les accès retirés/.test(m.parsed.subject ?? '') &&
        (m.parsed.text ?? '').includes('Ama Kpodar'),
    );
    const read = await request(server())
      .get(`/v1/offboardings/${created.id}`)
      .set('Authorization', hr)
      .expect(200);
    const detail = read.body as OffboardingDetailDto;
    expect(detail).toMatchObject({ status: 'REVOKED', emergency: true });
    expect(detail.grants.filter((g) => g.status !== 'REVOKED')).toEqual([]);
    // IT is told to remove by hand what no connector reaches (the given manual grant).
    await t.stack.mail.waitFor(
      (m) =>
        /Accès à retirer/.test(m.parsed.subject ?? '') &&
        (m.parsed.text ?? '').includes('Ama Kpodar'),
    );
  });
});
