/**
 * Cancelling a run revokes everything it granted, in every connector, on real parts: the whole
 * stack (API, worker with the real activities, Temporal dev server, PostgreSQL, SMTP) provisions a
 * compressed plan through ldap (OpenLDAP slapd: `ldap` and `vpn`), scim (SCIMMY: `git`), webhook (a
 * signing-checking receiver: `registry`) and postgres-role (the local PostgreSQL:
 * `postgres-staging`); other systems stay manual. HR then cancels through the API (cancelRun
 * Update), and each target shows the access gone, revoked most recent first.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { temporal } from '@temporalio/proto';
import { Client as LdapClient } from 'ldapts';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { signWebhook } from '../../../activities/connectors/webhook.connector';
import { usernameFor } from '../../../activities/provisioning.activities';
import { parsePlan } from '../../../config/plans/plan.schema';
import { seedPlans } from '../../../prisma/seed-plans';
import type { onboardHire } from '../../../workflows';
import { compressedPlan } from '../../../scripts/dev/compressed-plan';
import { startScimServer, type ScimServer } from '../../support/scim-server';
import { slapdAvailable, startSlapd, type Slapd } from '../../../scripts/dev/slapd';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startStack, type Stack } from '../../support/stack';
import { activityTimeline } from '../../workflows/journey-history';

jest.setTimeout(180_000);

const WEBHOOK_SECRET = randomBytes(24).toString('hex');
const PLAN_KEY = 'compressed-cancel';
const CONNECTED = {
  'grant-directory-account': 'ldap',
  'grant-vpn': 'vpn',
  'grant-git-repositories': 'git',
  'grant-container-registry': 'registry',
  'grant-staging-postgres': 'postgres-staging',
};

/** A target with its own API: checks the signature and freshness, keeps accounts by username. */
interface Received {
  action: string;
  username: string;
  signed: boolean;
}
function startReceiver() {
  const received: Received[] = [];
  const accounts = new Set<string>();
  let onGrant: (() => void) | undefined;
  const granted = new Promise<void>((resolve) => (onGrant = resolve));
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const ts = String(req.headers['x-df-timestamp']);
      const expected = Buffer.from(signWebhook(WEBHOOK_SECRET, ts, body));
      const given = Buffer.from(String(req.headers['x-df-signature']));
      const signed =
        given.length === expected.length &&
        timingSafeEqual(given, expected) &&
        Math.abs(Date.now() / 1000 - Number(ts)) < 300;
      const msg = JSON.parse(body) as { action: string; hire: { username: string } };
      received.push({ action: msg.action, username: msg.hire.username, signed });
      if (!signed) return void res.writeHead(401).end();
      if (msg.action === 'grant') accounts.add(msg.hire.username);
      if (msg.action === 'revoke') accounts.delete(msg.hire.username);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          externalRef: `registry:${msg.hire.username}`,
          present: accounts.has(msg.hire.username),
        }),
      );
      if (msg.action === 'grant') onGrant?.();
    });
  });
  return { server, received, accounts, granted };
}

const suite = slapdAvailable() ? describe : describe.skip;
suite('a cancelled run with real connectors', () => {
  let stack: Stack;
  let slapd: Slapd;
  let scim: ScimServer;
  let receiver: ReturnType<typeof startReceiver>;
  let pgAdmin: PgClient;
  let ldap: LdapClient;
  let target: TestDatabase;

  beforeAll(async () => {
    slapd = await startSlapd(['developers', 'vpn-users']);
    scim = await startScimServer(['backend']);
    receiver = startReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    const receiverUrl = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks`;
    const ldapSettings = {
      connector: 'ldap',
      url: slapd.url,
      bindDn: slapd.adminDn,
      passwordEnv: 'TEST_LDAP_PASSWORD',
      peopleDn: slapd.peopleDn,
      groupsDn: slapd.groupsDn,
      timeoutMs: 5_000,
    };
    target = await createTestDatabase(); // the PostgreSQL target system, beside the app's database
    pgAdmin = new PgClient({ connectionString: target.url });
    await pgAdmin.connect();
    await pgAdmin.query('CREATE SCHEMA prod_like; CREATE SCHEMA staging');
    stack = await startStack({
      PROVISIONING_SYSTEMS: JSON.stringify({
        ldap: { ...ldapSettings, groups: ['developers'] },
        vpn: { ...ldapSettings, groups: ['vpn-users'] },
        git: {
          connector: 'scim',
          url: scim.url,
          tokenEnv: 'TEST_SCIM_TOKEN',
          groups: ['backend'],
          timeoutMs: 5_000,
        },
        registry: {
          connector: 'webhook',
          url: receiverUrl,
          secretEnv: 'TEST_WEBHOOK_SECRET',
          timeoutMs: 5_000,
        },
        'postgres-staging': {
          connector: 'postgres-role',
          url: target.url,
          readOnlySchemas: ['prod_like'],
          readWriteSchemas: ['staging'],
          credentialKeyEnv: 'TEST_PG_CREDENTIAL_KEY',
          timeoutMs: 5_000,
        },
      }),
      TEST_LDAP_PASSWORD: slapd.adminPassword,
      TEST_SCIM_TOKEN: scim.token,
      TEST_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TEST_PG_CREDENTIAL_KEY: randomBytes(32).toString('base64'),
    });
    await seedPlans(stack.prisma, [parsePlan(compressedPlan(PLAN_KEY))]);
    ldap = new LdapClient({ url: slapd.url });
    await ldap.bind(slapd.adminDn, slapd.adminPassword);
  });

  afterAll(async () => {
    await ldap?.unbind();
    await pgAdmin?.end();
    await stack?.stop();
    await target?.drop();
    await new Promise((resolve) => receiver?.server.close(resolve));
    await scim?.stop();
    await slapd?.stop();
  });

  const server = () => stack.app.getHttpServer();

  async function ldapState(uid: string) {
    const dn = `uid=${uid},${slapd.peopleDn}`;
    const people = await ldap.search(slapd.peopleDn, { filter: `(uid=${uid})` });
    const groups = await ldap.search(slapd.groupsDn, { scope: 'one', filter: `(member=${dn})` });
    return {
      entries: people.searchEntries.length,
      groups: groups.searchEntries.map((e) => String(e.cn)).sort(),
    };
  }
  function scimState(userName: string) {
    const user = [...scim.users.values()].find((u) => u.userName === userName);
    const group = [...scim.groups.values()].find((g) => g.displayName === 'backend')!;
    const members = (group.members ?? []) as { value: string }[];
    return {
      active: user?.active,
      inGroup: !!user && members.some((m) => m.value === user.id),
    };
  }
  const roleExists = async (role: string) =>
    (await pgAdmin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 1;
  async function canLogIn(role: string, password: string): Promise<boolean> {
    const url = new URL(target.url);
    url.username = role;
    url.password = password;
    const c = new PgClient({ connectionString: url.toString() });
    try {
      await c.connect();
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  it('revokes every grant in every target system, most recent first', async () => {
    const hr = `Bearer ${await stack.token('HR', 'hr-amina')}`;
    const email = 'edem.kpodar@example.tg';
    const startDate = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const created = await request(server())
      .post('/v1/onboardings')
      .set('Authorization', hr)
      .send({
        fullName: 'Edem Kpodar',
        email,
        startDate,
        locale: 'fr',
        planKey: PLAN_KEY,
        techLead: { sub: 'tl-akossiwa', email: 'akossiwa@example.tg', name: 'Akossiwa Lawson' },
      })
      .expect(201);
    const run = created.body as { id: string; workflowId: string; hire: { id: string } };
    const uid = usernameFor(run.hire.id);

    // Granted, as the target systems show it: the PostgreSQL grant (after vpn, after ldap) mails
    // the hire a credential link; the CI task opened for IT means the git grant is done.
    const credentialMail = await stack.mail.waitFor(
      (m) => m.envelopeTo.includes(email) && /postgres-staging/.test(m.parsed.subject ?? ''),
    );
    await stack.mail.waitFor((m) => (m.parsed.text ?? '').includes('Étape : Pipelines CI/CD'));
    await receiver.granted;
    expect(await ldapState(uid)).toEqual({ entries: 1, groups: ['developers', 'vpn-users'] });
    expect(scimState(uid)).toEqual({ active: true, inGroup: true });
    expect(await roleExists(uid)).toBe(true);
    expect(receiver.accounts.has(uid)).toBe(true);

    // The hire collects the password; it works until the run is cancelled.
    const link = /\/credentials\/[\w-]+\.[\w-]+/.exec(credentialMail.parsed.text ?? '')![0];
    const revealed = await request(server()).post(link).type('form').send({}).expect(200);
    const password = /<code id="password">([^<]+)<\/code>/.exec(revealed.text)![1];
    expect(await canLogIn(uid, password)).toBe(true);

    await request(server())
      .post(`/v1/onboardings/${run.id}/cancel`)
      .set('Authorization', hr)
      .send({ reason: 'Offer withdrawn' })
      .expect(200);

    // Every target shows the access gone.
    expect(await ldapState(uid)).toEqual({ entries: 0, groups: [] });
    expect(scimState(uid)).toEqual({ active: false, inGroup: false });
    expect(await roleExists(uid)).toBe(false);
    expect(await canLogIn(uid, password)).toBe(false);
    expect(receiver.accounts.has(uid)).toBe(false);
    expect(receiver.received.filter((r) => r.username === uid)).toEqual([
      { action: 'grant', username: uid, signed: true },
      { action: 'revoke', username: uid, signed: true },
    ]);
    await request(server()).get(link).expect(410);

    // Most recent first: the revokes run in the reverse order the grants were sent.
    const handle = stack.temporal.workflow.getHandle<typeof onboardHire>(run.workflowId);
    const timeline = await activityTimeline(handle);
    const stepsOf = (activity: string) =>
      timeline
        .filter((e) => e.activity === activity && e.kind === 'SCHEDULED')
        .map((e) => String(e.input.stepId));
    const sent = stepsOf('grantAccess');
    expect(sent).toEqual(expect.arrayContaining(Object.keys(CONNECTED)));
    expect(stepsOf('revokeAccess')).toEqual([...sent].reverse());
    const revoked = await stack.prisma.auditEvent.findMany({
      where: { runId: run.id, action: 'access.revoked' },
      orderBy: { id: 'asc' },
      select: { entityId: true },
    });
    expect(revoked.map((e) => e.entityId)).toEqual([...sent].reverse());
    const grants = await stack.prisma.accessGrant.findMany({ where: { runId: run.id } });
    expect(grants.filter((g) => g.status !== 'REVOKED')).toEqual([]);
    // The connected steps were granted by their connectors (their references), not by IT.
    const refs = Object.fromEntries(grants.map((g) => [g.stepId, g.externalRef]));
    expect(Object.keys(CONNECTED).map((step) => [step, refs[step]])).toEqual([
      ['grant-directory-account', `uid=${uid},${slapd.peopleDn}`],
      ['grant-vpn', `uid=${uid},${slapd.peopleDn}`],
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
