/**
 * Real target systems for journey tests: OpenLDAP slapd (`ldap`, `vpn`), SCIMMY (`git`), a
 * signature-checking webhook receiver (`registry`) and a PostgreSQL database (`postgres-staging`),
 * wired into a whole stack (API, worker, Temporal dev server, PostgreSQL, SMTP). The same set-up
 * for the cancel and the leaving tests.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client as LdapClient } from 'ldapts';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { usernameFor } from '../../../activities/provisioning.activities';
import { createConnectors } from '../../../activities/connectors';
import { identityOf } from '../../../activities/provisioning.activities';
import { parsePlan } from '../../../domain/plans/plan.schema';
import { seedPlans } from '../../../prisma/seed-plans';
import { compressedPlan } from '../../../scripts/dev/compressed-plan';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startScimServer, type ScimServer } from '../../support/scim-server';
import { startSlapd, type Slapd } from '../../../scripts/dev/slapd';
import { startStack, type Stack } from '../../support/stack';
import { hasValidSignature } from '../../support/webhook-target';

export const CONNECTED_STEPS = [
  'grant-directory-account',
  'grant-vpn',
  'grant-git-repositories',
  'grant-container-registry',
  'grant-staging-postgres',
];

/** What the webhook target received: the action, for whom, and whether it was signed and fresh. */
export interface Received {
  action: string;
  username: string;
  signed: boolean;
}

/** A target with its own API: checks the signature and freshness, keeps accounts by username. */
function startReceiver(secret: string) {
  const received: Received[] = [];
  const accounts = new Set<string>();
  const waiting = new Map<string, () => void>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const ts = Number(req.headers['x-df-timestamp']);
      const signed =
        hasValidSignature(secret, req.headers, body) && Math.abs(Date.now() / 1000 - ts) < 300;
      const msg = JSON.parse(body) as { action: string; hire: { username: string } };
      received.push({ action: msg.action, username: msg.hire.username, signed });
      if (!signed) return void res.writeHead(401).end();
      if (msg.action === 'revoke') accounts.delete(msg.hire.username);
      if (msg.action === 'grant') accounts.add(msg.hire.username);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          externalRef: `registry:${msg.hire.username}`,
          present: accounts.has(msg.hire.username),
        }),
      );
      if (msg.action === 'grant') waiting.get(msg.hire.username)?.();
    });
  });
  /** Resolves once the receiver has granted `uid` (at once if it already has). */
  const grantedFor = (uid: string) =>
    accounts.has(uid)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiting.set(uid, resolve));
  return { server, received, accounts, grantedFor };
}

/** A run started through the API, with the username its connectors give the hire. */
export interface StartedRun {
  id: string;
  workflowId: string;
  hire: { id: string };
  uid: string;
}

export interface RealTargets {
  stack: Stack;
  /** HR (`authorization`) starts a run of the targets' plan for a hire (tech lead Akossiwa). */
  createRun(
    authorization: string,
    hire: { fullName: string; email: string; startDate: string },
  ): Promise<StartedRun>;
  slapd: Slapd;
  /** The PostgreSQL target system (beside the app's database). */
  target: TestDatabase;
  /** Every call the webhook target received, and the accounts it holds. */
  webhook: { received: Received[]; accounts: Set<string> };
  /** Resolves once the webhook target holds an account for `uid`. */
  webhookGranted(uid: string): Promise<void>;
  /** What each target shows for a username: nothing left is all false / zero. */
  state(uid: string): Promise<{
    ldapEntries: number;
    ldapGroups: string[];
    scimActive: boolean | undefined;
    pgRole: boolean;
    webhook: boolean;
  }>;
  /** The LDAP entry count and group names of `uid`. */
  ldapState(uid: string): Promise<{ entries: number; groups: string[] }>;
  /** Whether the SCIM user is active and in the `backend` group. */
  scimState(userName: string): { active: unknown; inGroup: boolean };
  /** Whether `role` can log in to the PostgreSQL target with `password`. */
  canLogIn(role: string, password: string): Promise<boolean>;
  /**
   * Accounts a person got outside the onboarding engine (someone hired before it, or never
   * onboarded through it), under their own account name: each listed system's connector grants
   * them with a throwaway run id, and nothing is recorded in the test stack's database.
   */
  provisionOutside(
    person: { username: string; email: string; fullName: string },
    systems: string[],
  ): Promise<void>;
  stop(): Promise<void>;
}

export async function startRealTargets(planKey: string): Promise<RealTargets> {
  const secret = randomBytes(24).toString('hex');
  const slapd: Slapd = await startSlapd(['developers', 'vpn-users']);
  const scim: ScimServer = await startScimServer(['backend']);
  const receiver = startReceiver(secret);
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
  const target: TestDatabase = await createTestDatabase();
  const pgAdmin = new PgClient({ connectionString: target.url });
  await pgAdmin.connect();
  await pgAdmin.query('CREATE SCHEMA prod_like; CREATE SCHEMA staging');
  const stack = await startStack({
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
    TEST_WEBHOOK_SECRET: secret,
    TEST_PG_CREDENTIAL_KEY: randomBytes(32).toString('base64'),
  });
  await seedPlans(stack.prisma, [parsePlan(compressedPlan(planKey))]);
  const ldap = new LdapClient({ url: slapd.url });
  await ldap.bind(slapd.adminDn, slapd.adminPassword);

  async function ldapState(uid: string) {
    const dn = `uid=${uid},${slapd.peopleDn}`;
    const people = await ldap.search(slapd.peopleDn, { filter: `(uid=${uid})` });
    const groups = await ldap.search(slapd.groupsDn, { scope: 'one', filter: `(member=${dn})` });
    return {
      entries: people.searchEntries.length,
      groups: groups.searchEntries.map((e) => String(e.cn)).sort(),
    };
  }
  const roleExists = async (role: string) =>
    (await pgAdmin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 1;

  return {
    stack,
    async createRun(authorization, hire) {
      const created = await request(stack.app.getHttpServer())
        .post('/v1/onboardings')
        .set('Authorization', authorization)
        .send({
          ...hire,
          locale: 'fr',
          planKey,
          techLead: { sub: 'tl-akossiwa', email: 'akossiwa@example.tg', name: 'Akossiwa Lawson' },
        })
        .expect(201);
      const run = created.body as Omit<StartedRun, 'uid'>;
      return { ...run, uid: usernameFor(run.hire.id) };
    },
    slapd,
    target,
    webhook: { received: receiver.received, accounts: receiver.accounts },
    webhookGranted: receiver.grantedFor,
    ldapState,
    scimState(userName) {
      const user = [...scim.users.values()].find((u) => u.userName === userName);
      const group = [...scim.groups.values()].find((g) => g.displayName === 'backend')!;
      const members = (group.members ?? []) as { value: string }[];
      return { active: user?.active, inGroup: !!user && members.some((m) => m.value === user.id) };
    },
    async canLogIn(role, password) {
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
    },
    async state(uid) {
      const ldapNow = await ldapState(uid);
      const user = [...scim.users.values()].find((u) => u.userName === uid);
      return {
        ldapEntries: ldapNow.entries,
        ldapGroups: ldapNow.groups,
        scimActive: user?.active as boolean | undefined,
        pgRole: await roleExists(uid),
        webhook: receiver.accounts.has(uid),
      };
    },
    async provisionOutside(person, systems) {
      const connectors = createConnectors(stack.config.provisioning);
      const hire = identityOf({ id: randomUUID(), ...person });
      try {
        for (const system of systems)
          await connectors.bySystem[system].grant({
            runId: randomUUID(),
            stepId: `outside-${system}`,
            system,
            scope: 'granted before the onboarding engine',
            hire,
          });
      } finally {
        await connectors.close();
      }
    },
    async stop() {
      await ldap.unbind();
      await pgAdmin.end();
      await stack.stop();
      await target.drop();
      await new Promise((resolve) => receiver.server.close(resolve));
      await scim.stop();
      await slapd.stop();
    },
  };
}
