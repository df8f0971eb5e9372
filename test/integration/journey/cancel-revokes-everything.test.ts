/**
 * Cancelling a run revokes everything it granted, in every connector, on real parts: the whole
 * stack (API, worker with the real activities, Temporal dev server, PostgreSQL, SMTP) provisions a
 * compressed plan through ldap (OpenLDAP slapd: `ldap` and `vpn`), scim (SCIMMY: `git`), webhook (a
 * signing-checking receiver: `registry`) and postgres-role (the local PostgreSQL:
 * `postgres-staging`), set up by real-targets.ts; other systems stay manual. HR then cancels
 * through the API (cancelRun Update), and each target shows the access gone, revoked most recent
 * first.
 */
import { temporal } from '@temporalio/proto';
import request from 'supertest';
import type { onboardHire } from '../../../workflows';
import { slapdAvailable } from '../../../scripts/dev/slapd';
import { activityTimeline } from '../../workflows/journey-history';
import { CONNECTED_STEPS, startRealTargets, type RealTargets } from './real-targets';

jest.setTimeout(180_000);

const PLAN_KEY = 'compressed-cancel';

const suite = slapdAvailable() ? describe : describe.skip;
suite('a cancelled run with real connectors', () => {
  let t: RealTargets;

  beforeAll(async () => {
    t = await startRealTargets(PLAN_KEY);
  });

  afterAll(async () => {
    await t?.stop();
  });

  const server = () => t.stack.app.getHttpServer();

  it('revokes every grant in every target system, most recent first', async () => {
    const hr = `Bearer ${await t.stack.token('HR', 'hr-amina')}`;
    const email = 'edem.kpodar@example.tg';
    const startDate = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const run = await t.createRun(hr, { fullName: 'Edem Kpodar', email, startDate });
    const { uid } = run;

    // Granted, as the target systems show it: the PostgreSQL grant (after vpn, after ldap) mails
    // the hire a credential link; the CI task opened for IT means the git grant is done.
    const credentialMail = await t.stack.mail.waitFor(
      (m) => m.envelopeTo.includes(email) && /postgres-staging/.test(m.parsed.subject ?? ''),
    );
    await t.stack.mail.waitFor((m) => (m.parsed.text ?? '').includes('Étape : Pipelines CI/CD'));
    await t.webhookGranted(uid);
    expect(await t.ldapState(uid)).toEqual({ entries: 1, groups: ['developers', 'vpn-users'] });
    expect(t.scimState(uid)).toEqual({ active: true, inGroup: true });
    expect((await t.state(uid)).pgRole).toBe(true);
    expect(t.webhook.accounts.has(uid)).toBe(true);

    // The hire collects the password; it works until the run is cancelled.
    const link = /\/credentials\/[\w-]+\.[\w-]+/.exec(credentialMail.parsed.text ?? '')![0];
    const revealed = await request(server()).post(link).type('form').send({}).expect(200);
    const password = /<code id="password">([^<]+)<\/code>/.exec(revealed.text)![1];
    expect(await t.canLogIn(uid, password)).toBe(true);

    await request(server())
      .post(`/v1/onboardings/${run.id}/cancel`)
      .set('Authorization', hr)
      .send({ reason: 'Offer withdrawn' })
      .expect(200);

    // Every target shows the access gone.
    expect(await t.ldapState(uid)).toEqual({ entries: 0, groups: [] });
    expect(t.scimState(uid)).toEqual({ active: false, inGroup: false });
    expect((await t.state(uid)).pgRole).toBe(false);
    expect(await t.canLogIn(uid, password)).toBe(false);
    expect(t.webhook.accounts.has(uid)).toBe(false);
    expect(t.webhook.received.filter((r) => r.username === uid)).toEqual([
      { action: 'grant', username: uid, signed: true },
      { action: 'revoke', username: uid, signed: true },
    ]);
    await request(server()).get(link).expect(410);

    // Most recent first: the revokes run in the reverse order the grants were sent.
    const handle = t.stack.temporal.workflow.getHandle<typeof onboardHire>(run.workflowId);
    const timeline = await activityTimeline(handle);
    const stepsOf = (activity: string) =>
      timeline
        .filter((e) => e.activity === activity && e.kind === 'SCHEDULED')
        .map((e) => String(e.input.stepId));
    const sent = stepsOf('grantAccess');
    expect(sent).toEqual(expect.arrayContaining(CONNECTED_STEPS));
    expect(stepsOf('revokeAccess')).toEqual([...sent].reverse());
    const revoked = await t.stack.prisma.auditEvent.findMany({
      where: { runId: run.id, action: 'access.revoked' },
      orderBy: { id: 'asc' },
      select: { entityId: true },
    });
    expect(revoked.map((e) => e.entityId)).toEqual([...sent].reverse());
    const grants = await t.stack.prisma.accessGrant.findMany({ where: { runId: run.id } });
    expect(grants.filter((g) => g.status !== 'REVOKED')).toEqual([]);
    // The connected steps were granted by their connectors (their references), not by IT.
    const refs = Object.fromEntries(grants.map((g) => [g.stepId, g.externalRef]));
    expect(CONNECTED_STEPS.map((step) => [step, refs[step]])).toEqual([
      ['grant-directory-account', `uid=${uid},${t.slapd.peopleDn}`],
      ['grant-vpn', `uid=${uid},${t.slapd.peopleDn}`],
      ['grant-git-repositories', expect.stringMatching(/^scim:Users\//) as string],
      ['grant-container-registry', `registry:${uid}`],
      ['grant-staging-postgres', `postgres-role:${uid}`],
    ]);

    // The password never entered Temporal: not in any payload, memo or search attribute.
    // Searched in the history's wire form, where every payload is its raw JSON bytes.
    const history = Buffer.from(
      temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish(),
    ).toString('utf8');
    expect(history).not.toContain(password);
  });
});
