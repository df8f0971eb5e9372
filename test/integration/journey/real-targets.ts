/**
 * Real target systems for journey tests: OpenLDAP slapd (`ldap`, `vpn`), SCIMMY (`git`), a
 * signature-checking webhook receiver (`registry`) and a PostgreSQL database (`postgres-staging`),
 * wired into a whole stack (API, worker, Temporal dev server, PostgreSQL, SMTP). The same set-up
 * as cancel-revokes-everything.test.ts, shared by the leaving tests.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client as LdapClient } from 'ldapts';
import { Client as PgClient } from 'pg';
import { createConnectors } from '../../../activities/connectors';
import { signWebhook } from '../../../activities/connectors/webhook.connector';
import { identityOf } from '../../../activities/provisioning.activities';
import { parsePlan } from '../../../config/plans/plan.schema';
import { seedPlans } from '../../../prisma/seed-plans';
import { compressedPlan } from '../../../scripts/dev/compressed-plan';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startScimServer, type ScimServer } from '../../support/scim-server';
import { startSlapd, type Slapd } from '../../../scripts/dev/slapd';
import { startStack, type Stack } from '../../support/stack';

export const CONNECTED_STEPS = [
  'grant-directory-account',
  'grant-vpn',
  'grant-git-repositories',
  'grant-container-registry',
  'grant-staging-postgres',
];

function startReceiver(secret: string) {
  const accounts = new Set<string>();
  const waiting = new Map<string, () => void>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const ts = String(req.headers['x-df-timestamp']);
      const expected = Buffer.from(signWebhook(secret, ts, body));
      const given = Buffer.from(String(req.headers['x-df-signature']));
      const signed = given.length === expected.length && timingSafeEqual(given, expected);
      if (!signed) return void res.writeHead(401).end();
      const msg = JSON.parse(body) as { action: string; hire: { username: string } };
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
  return { server, accounts, grantedFor };
}

export interface RealTargets {
  stack: Stack;
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
      git: { connector: 'scim', url: scim.url, tokenEnv: 'TEST_SCIM_TOKEN', groups: ['backend'] },
      registry: { connector: 'webhook', url: receiverUrl, secretEnv: 'TEST_WEBHOOK_SECRET' },
      'postgres-staging': {
        connector: 'postgres-role',
        url: target.url,
        readOnlySchemas: ['prod_like'],
        readWriteSchemas: ['staging'],
        credentialKeyEnv: 'TEST_PG_CREDENTIAL_KEY',
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

  return {
    stack,
    webhookGranted: receiver.grantedFor,
    async state(uid) {
      const dn = `uid=${uid},${slapd.peopleDn}`;
      const people = await ldap.search(slapd.peopleDn, { filter: `(uid=${uid})` });
      const groups = await ldap.search(slapd.groupsDn, { scope: 'one', filter: `(member=${dn})` });
      const user = [...scim.users.values()].find((u) => u.userName === uid);
      const role = await pgAdmin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [uid]);
      return {
        ldapEntries: people.searchEntries.length,
        ldapGroups: groups.searchEntries.map((e) => String(e.cn)).sort(),
        scimActive: user?.active as boolean | undefined,
        pgRole: role.rowCount === 1,
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
