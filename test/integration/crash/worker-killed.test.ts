/**
 * A worker killed (SIGKILL) between the connector's external call and the activity's completion:
 * the real grantAccess runs in a worker in a child process against a real target (OpenLDAP slapd,
 * the local PostgreSQL), the child reports once the account exists and hangs, the test kills it,
 * and a new worker picks up Temporal's retry of the same activity. The target then holds exactly
 * one account with the right memberships, and the workflow gets the grant's reference.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Worker,
  type WorkflowBundle,
} from '@temporalio/worker';
import { Client as LdapClient } from 'ldapts';
import { Client as PgClient } from 'pg';
import { createConnectors } from '../../../activities/connectors';
import { unsealCredential } from '../../../domain/sealed-credential';
import {
  createProvisioningActivities,
  usernameFor,
} from '../../../activities/provisioning.activities';
import type { ProvisioningConfig } from '../../../config/provisioning';
import { slapdAvailable, startSlapd, type Slapd } from '../../../scripts/dev/slapd';
import { temporalAddress } from '../../support/stack';
import { seedRun, startHarness, type ConnectorHarness } from '../connectors/harness';
import type { ChildMessage, ChildWorkerConfig } from './grant-worker.child';
import type { grantOnce } from './grant-once.workflow';

jest.setTimeout(120_000);

/** Loads TypeScript in the child as Jest does here: @swc/core, CommonJS, no type checking. */
const TS_HOOK = `const swc = require('@swc/core'); const fs = require('fs');
require.extensions['.ts'] = (m, f) => m._compile(swc.transformSync(fs.readFileSync(f, 'utf8'),
  { filename: f, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code, f);
require(process.argv[1]);`;
const CHILD = path.join(__dirname, 'grant-worker.child.ts');
const KEY = randomBytes(32);

interface Child {
  process: ChildProcess;
  next(predicate: (m: ChildMessage) => boolean): Promise<ChildMessage>;
}

function startChild(config: ChildWorkerConfig): Child {
  const child = spawn(process.execPath, ['-e', TS_HOOK, CHILD, JSON.stringify(config)], {
    cwd: path.resolve(__dirname, '../../..'),
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return {
    process: child,
    next: (predicate) =>
      new Promise((resolve, reject) => {
        const onMessage = (m: ChildMessage) => {
          if (!predicate(m)) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(m);
        };
        const onExit = (code: number | null) =>
          reject(new Error(`worker child exited with ${code}: ${stderr}`));
        child.on('message', onMessage);
        child.once('exit', onExit);
      }),
  };
}

async function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

let h: ConnectorHarness;
let slapd: Slapd | undefined;
let pgAdmin: PgClient;
let connection: Connection;
let temporal: TemporalClient;
let native: NativeConnection;
let bundle: WorkflowBundle;
const children: ChildProcess[] = [];

beforeAll(async () => {
  h = await startHarness();
  pgAdmin = new PgClient({ connectionString: h.db.url });
  await pgAdmin.connect();
  await pgAdmin.query(`CREATE SCHEMA prod_like; CREATE TABLE prod_like.accounts (id int);
                       CREATE SCHEMA staging; CREATE TABLE staging.notes (id serial, body text)`);
  if (slapdAvailable()) slapd = await startSlapd(['developers', 'rust-team']);
  connection = await Connection.connect({ address: temporalAddress() });
  temporal = new TemporalClient({ connection });
  native = await NativeConnection.connect({ address: temporalAddress() });
  bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./grant-once.workflow'),
    logger: new DefaultLogger('WARN'),
  });
});

afterAll(async () => {
  await Promise.all(children.map(kill9));
  await native?.close();
  await connection?.close();
  await pgAdmin?.end();
  await slapd?.stop();
  await h?.close();
});

/** Settings as the worker gets them from PROVISIONING_SYSTEMS once resolved (JSON-safe for argv). */
function systems(): Record<string, Record<string, unknown>> {
  return {
    'postgres-staging': {
      connector: 'postgres-role',
      url: h.db.url,
      readOnlySchemas: ['prod_like'],
      readWriteSchemas: ['staging'],
      credentialKey: KEY.toString('base64'),
      connectionLimit: 2,
      timeoutMs: 3_000,
    },
    ...(slapd && {
      ldap: {
        connector: 'ldap',
        url: slapd.url,
        bindDn: slapd.adminDn,
        password: slapd.adminPassword,
        peopleDn: slapd.peopleDn,
        groupsDn: slapd.groupsDn,
        groups: ['developers', 'rust-team'],
        timeoutMs: 3_000,
      },
    }),
  };
}

function resolved(): ProvisioningConfig {
  const s = systems();
  const pg = s['postgres-staging'];
  return {
    ...s,
    'postgres-staging': { ...pg, credentialKey: Buffer.from(String(pg.credentialKey), 'base64') },
  } as unknown as ProvisioningConfig; // argv's JSON shape, checked by the connectors' own tests
}

/**
 * Starts the grant on a child worker, kills it (-9) once the connector's call has returned, checks
 * that the activity is still open, then lets a fresh worker finish the run.
 */
async function grantThroughACrash(system: string) {
  const { hire, run } = await seedRun(h.prisma, 'Kossi Edem Amouzou');
  const taskQueue = `crash-${randomUUID()}`;
  const child = startChild({
    temporalAddress: temporalAddress(),
    taskQueue,
    databaseUrl: h.db.url,
    systems: systems(),
    hangAfterGrant: true,
  });
  children.push(child.process);
  await child.next((m) => 'ready' in m);
  const req = { runId: run.id, stepId: `grant-${system}`, system, scope: 'account' };
  const handle = await temporal.workflow.start<typeof grantOnce>('grantOnce', {
    taskQueue,
    workflowId: `crash-${run.id}`,
    args: [req],
  });
  await child.next((m) => 'granted' in m && m.granted === system);
  await kill9(child.process);
  const before = await handle.describe();

  const connectors = createConnectors(resolved());
  try {
    const worker = await Worker.create({
      connection: native,
      taskQueue,
      workflowBundle: bundle,
      activities: createProvisioningActivities(h.prisma, connectors.bySystem),
    });
    const result = await worker.runUntil(handle.result());
    const started = (await handle.fetchHistory()).events!.filter(
      (e) => e.activityTaskStartedEventAttributes,
    );
    return {
      username: usernameFor(hire.id),
      runId: run.id,
      statusWhenKilled: before.status.name,
      result,
      attempts: started.map((e) => e.activityTaskStartedEventAttributes!.attempt),
    };
  } finally {
    await connectors.close();
  }
}

const ldapIt = slapdAvailable() ? it : it.skip;
ldapIt(
  'ldap: the retry after a kill -9 finds the account, one entry in the right groups',
  async () => {
    const outcome = await grantThroughACrash('ldap');
    const dn = `uid=${outcome.username},${slapd!.peopleDn}`;
    expect(outcome.statusWhenKilled).toBe('RUNNING');
    expect(outcome.result).toEqual({ mode: 'AUTOMATIC', externalRef: dn });
    expect(outcome.attempts).toEqual([2]); // the completed attempt is the retry

    const admin = new LdapClient({ url: slapd!.url });
    await admin.bind(slapd!.adminDn, slapd!.adminPassword);
    try {
      const people = await admin.search(slapd!.peopleDn, { filter: `(uid=${outcome.username})` });
      expect(people.searchEntries.map((e) => e.dn)).toEqual([dn]);
      const groups = await admin.search(slapd!.groupsDn, {
        scope: 'one',
        filter: `(member=${dn})`,
      });
      expect(groups.searchEntries.map((e) => String(e.cn)).sort()).toEqual([
        'developers',
        'rust-team',
      ]);
    } finally {
      await admin.unbind();
    }
  },
);

it('postgres-role: the retry after a kill -9 leaves one role, least privilege, the last sealed password', async () => {
  const outcome = await grantThroughACrash('postgres-staging');
  const role = outcome.username;
  expect(outcome.statusWhenKilled).toBe('RUNNING');
  expect(outcome.result).toEqual({ mode: 'AUTOMATIC', externalRef: `postgres-role:${role}` });
  expect(outcome.attempts).toEqual([2]);

  const roles = await pgAdmin.query('SELECT rolname FROM pg_roles WHERE rolname = $1', [role]);
  expect(roles.rowCount).toBe(1);
  const rights = await pgAdmin.query<{ schema: string; usage: boolean; write: boolean }>(
    `SELECT s AS schema, has_schema_privilege($1, s, 'USAGE') AS usage,
            has_schema_privilege($1, s, 'CREATE') OR EXISTS (SELECT 1 FROM information_schema.role_table_grants
              WHERE grantee = $1 AND table_schema = s AND privilege_type = 'INSERT') AS write
       FROM unnest(ARRAY['prod_like', 'staging']) AS s`,
    [role],
  );
  expect(rights.rows).toEqual([
    { schema: 'prod_like', usage: true, write: false },
    { schema: 'staging', usage: true, write: true },
  ]);

  // The killed attempt set a password nobody ever saw (it died before sealing it); the retry reset
  // it and sealed the one the role now accepts.
  const sealed = await h.prisma.auditEvent.findMany({
    where: { runId: outcome.runId, action: 'access.credential_sealed' },
    orderBy: { id: 'asc' },
    select: { after: true },
  });
  expect(sealed).toHaveLength(1);
  const latest = unsealCredential(
    (sealed[0].after as { sealedCredential: string }).sealedCredential,
    KEY,
  );
  const url = new URL(h.db.url);
  url.username = latest.username;
  url.password = latest.password;
  const asHire = new PgClient({ connectionString: url.toString() });
  await asHire.connect();
  try {
    expect((await asHire.query('SELECT current_user AS me')).rows).toEqual([{ me: role }]);
  } finally {
    await asHire.end();
  }
});
