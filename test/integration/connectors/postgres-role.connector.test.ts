/**
 * postgres-role against the local PostgreSQL: the test database doubles as the target system,
 * with a production-like schema (read-only for hires) and a staging schema (read/write).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createPostgresRoleConnector } from '../../../activities/connectors/postgres-role.connector';
import { unsealCredential } from '../../../domain/sealed-credential';
import {
  createAccessVerification,
  createProvisioningActivities,
  usernameFor,
} from '../../../activities/provisioning.activities';
import { recordGrant, seedRun, startHarness, type ConnectorHarness } from './harness';

const KEY = randomBytes(32);
const SYSTEM = 'postgres-staging';
let h: ConnectorHarness;
let admin: Client;
let connector: ReturnType<typeof createPostgresRoleConnector>;

beforeAll(async () => {
  h = await startHarness();
  admin = new Client({ connectionString: h.db.url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA prod_like; CREATE TABLE prod_like.accounts (id int);
                     CREATE SCHEMA staging; CREATE TABLE staging.notes (id serial, body text);
                     INSERT INTO prod_like.accounts VALUES (1);`);
  connector = createPostgresRoleConnector({
    connector: 'postgres-role',
    url: h.db.url,
    readOnlySchemas: ['prod_like'],
    readWriteSchemas: ['staging'],
    credentialKey: KEY,
    connectionLimit: 2,
    timeoutMs: 5_000,
  });
});

afterAll(async () => {
  await connector.close();
  await admin.end();
  await h.close();
});

const activities = () => ({
  ...createProvisioningActivities(h.prisma, { [SYSTEM]: connector }),
  ...createAccessVerification(h.prisma, { [SYSTEM]: connector }),
});

async function rolesNamed(role: string): Promise<number> {
  const r = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  return r.rowCount ?? 0;
}

async function latestSealed(runId: string): Promise<string> {
  const events = await h.prisma.auditEvent.findMany({
    where: { runId, action: 'access.credential_sealed' },
    orderBy: { id: 'desc' },
  });
  return (events[0].after as { sealedCredential: string }).sealedCredential;
}

/** Recomputes the SCRAM StoredKey from the clear password: proves the sealed password is the role's. */
async function passwordMatches(role: string, password: string): Promise<boolean> {
  const r = await admin.query<{ rolpassword: string }>(
    'SELECT rolpassword FROM pg_authid WHERE rolname = $1',
    [role],
  );
  const [, params, keys] = r.rows[0].rolpassword.split('$');
  const [iterations, salt] = params.split(':');
  const salted = pbkdf2Sync(
    password,
    Buffer.from(salt, 'base64'),
    Number(iterations),
    32,
    'sha256',
  );
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return createHash('sha256').update(clientKey).digest('base64') === keys.split(':')[0];
}

async function asRole(role: string, sql: string): Promise<string> {
  const url = new URL(h.db.url); // `user` beside a connectionString would be ignored
  url.username = role;
  const c = new Client({ connectionString: url.toString() });
  await c.connect();
  try {
    await c.query(sql);
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? 'error';
  } finally {
    await c.end();
  }
}

it('grants a least-privilege login role once, even when the grant is retried after a crash', async () => {
  const { hire, run } = await seedRun(h.prisma);
  const role = usernameFor(hire.id);
  const req = { runId: run.id, stepId: 'access-pg', system: SYSTEM, scope: 'read-write staging' };

  const first = await activities().grantAccess(req);
  // Worker killed before the activity completed: nothing recorded, Temporal retries the activity.
  const retried = await activities().grantAccess(req);
  expect(first).toEqual({ mode: 'AUTOMATIC', externalRef: `postgres-role:${role}` });
  expect(retried).toEqual(first);
  expect(await rolesNamed(role)).toBe(1);

  // The credential is only in the audit trail, sealed; the last one issued is the role's password.
  const credential = unsealCredential(await latestSealed(run.id), KEY);
  expect(credential.username).toBe(role);
  expect(await passwordMatches(role, credential.password)).toBe(true);
  const audit = await h.prisma.auditEvent.findMany({ select: { before: true, after: true } });
  expect(JSON.stringify(audit)).not.toContain(credential.password);

  expect(await asRole(role, 'SELECT * FROM prod_like.accounts')).toBe('ok');
  expect(await asRole(role, 'INSERT INTO prod_like.accounts VALUES (2)')).toBe('42501');
  expect(await asRole(role, "INSERT INTO staging.notes (body) VALUES ('hi')")).toBe('ok');
  expect(await asRole(role, 'CREATE TABLE staging.mine (id int)')).toBe('42501');
  expect(await asRole(role, 'SELECT * FROM public.hire')).toBe('42501');
});

it('verifies presence and reports drift when the role disappears out of band', async () => {
  const { hire, run } = await seedRun(h.prisma);
  const role = usernameFor(hire.id);
  const req = { runId: run.id, stepId: 'access-pg', system: SYSTEM, scope: 'rw' };
  const granted = await activities().grantAccess(req);
  await recordGrant(h.prisma, { ...req, externalRef: granted.externalRef });

  const ok = await activities().verifyAccess(req);
  expect(ok).toMatchObject({ expected: 'GRANTED', present: true, drift: false });
  expect(ok.details).toMatchObject({
    schemas: { prod_like: { usage: true, write: false }, staging: { usage: true, write: true } },
  });

  await admin.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
  const drifted = await activities().verifyAccess(req);
  expect(drifted).toMatchObject({ expected: 'GRANTED', present: false, drift: true });
  expect(
    await h.prisma.auditEvent.count({ where: { runId: run.id, action: 'access.drift_detected' } }),
  ).toBe(1);
});

it('revokes completely, and revoking something absent succeeds', async () => {
  const { hire, run } = await seedRun(h.prisma);
  const role = usernameFor(hire.id);
  const req = { runId: run.id, stepId: 'access-pg', system: SYSTEM, scope: 'rw' };
  const granted = await activities().grantAccess(req);
  await recordGrant(h.prisma, { ...req, externalRef: granted.externalRef });

  await activities().revokeAccess(req);
  expect(await rolesNamed(role)).toBe(0);
  const defaults = await admin.query('SELECT 1 FROM pg_default_acl WHERE defaclacl::text LIKE $1', [
    `%${role}=%`,
  ]);
  expect(defaults.rowCount).toBe(0); // no default privilege left behind for a future role of that name
  const grant = await h.prisma.accessGrant.findFirstOrThrow({ where: { runId: run.id } });
  expect(grant.status).toBe('REVOKED');
  await expect(activities().revokeAccess(req)).resolves.toBeUndefined();
  expect(await activities().verifyAccess(req)).toMatchObject({ present: false, drift: false });

  // Never granted (crash before the grant reached the system): revoke is a success too.
  const other = await seedRun(h.prisma);
  await expect(
    connector.revoke({
      runId: other.run.id,
      stepId: 'access-pg',
      system: SYSTEM,
      hire: {
        hireId: other.hire.id,
        username: usernameFor(other.hire.id),
        email: other.hire.email,
        fullName: other.hire.fullName,
        givenName: 'Ama',
        familyName: 'Mensah',
      },
    }),
  ).resolves.toBeUndefined();
});

it('classifies an unknown schema as a permanent refusal', async () => {
  const broken = createPostgresRoleConnector({
    connector: 'postgres-role',
    url: h.db.url,
    readOnlySchemas: ['no_such_schema'],
    readWriteSchemas: [],
    credentialKey: KEY,
    connectionLimit: 1,
    timeoutMs: 5_000,
  });
  const { run } = await seedRun(h.prisma);
  try {
    await expect(
      createProvisioningActivities(h.prisma, { x: broken }).grantAccess({
        runId: run.id,
        stepId: 's',
        system: 'x',
        scope: 'ro',
      }),
    ).rejects.toMatchObject({ type: 'ProvisioningRejected', nonRetryable: true });
  } finally {
    await broken.close();
  }
});
