/**
 * verifyRunAccess on a real PostgreSQL: every recorded grant is compared with its connector's
 * verify; a connector that throws is reported as ERROR (never thrown), manual systems as UNKNOWN,
 * and the report is audited once per key (a retried activity answers the recorded report).
 * The connectors are in-memory stand-ins: their own behaviour is tested in connectors/.
 */
import { createRunAccessVerification } from '../../activities/access-verification.activities';
import {
  usernameFor,
  type Connector,
  type ConnectorRequest,
} from '../../activities/provisioning.activities';
import { recordGrant, seedRun, startHarness, type ConnectorHarness } from './connectors/harness';

let h: ConnectorHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

/** A target that holds accounts by system; `down` makes every call fail. */
function target(accounts: Set<string>, down = false): Connector {
  const key = (r: ConnectorRequest) => `${r.system}:${r.hire.username}`;
  return {
    grant: (r) => Promise.resolve({ mode: 'AUTOMATIC', externalRef: key(r) }),
    revoke: (r) => Promise.resolve(void accounts.delete(key(r))),
    verify: (r) =>
      down
        ? Promise.reject(new Error(`${r.system}: connection refused`))
        : Promise.resolve({ present: accounts.has(key(r)) }),
  };
}

it('reports per grant what the target shows, with drift, errors and manual systems', async () => {
  const { run, hire } = await seedRun(h.prisma);
  const username = usernameFor(hire.id);
  const accounts = new Set([`ldap:${username}`, `registry:${username}`]);
  for (const [stepId, system] of [
    ['grant-directory-account', 'ldap'],
    ['grant-vpn', 'vpn'],
    ['grant-container-registry', 'registry'],
    ['grant-staging-mongodb', 'mongodb-staging'],
  ])
    await recordGrant(h.prisma, { runId: run.id, stepId, system, scope: 'member' });
  await h.prisma.accessGrant.update({
    where: { runId_stepId: { runId: run.id, stepId: 'grant-container-registry' } },
    data: { status: 'REVOKED', revokedAt: new Date() },
  });
  const { verifyRunAccess } = createRunAccessVerification(h.prisma, {
    ldap: target(accounts),
    vpn: target(accounts, true),
    registry: target(accounts),
  });

  const report = await verifyRunAccess({ runId: run.id, key: 'api:one', actor: 'it-yawa' });

  expect(report).toMatchObject({ runId: run.id, key: 'api:one', drift: true });
  const byStep = [...report.checks].sort((a, b) => a.stepId.localeCompare(b.stepId));
  expect(byStep).toEqual([
    {
      stepId: 'grant-container-registry',
      system: 'registry',
      expected: 'REVOKED',
      observed: 'PRESENT',
      drift: true,
    },
    {
      stepId: 'grant-directory-account',
      system: 'ldap',
      expected: 'GRANTED',
      observed: 'PRESENT',
      drift: false,
    },
    {
      stepId: 'grant-staging-mongodb',
      system: 'mongodb-staging',
      expected: 'GRANTED',
      observed: 'UNKNOWN',
      drift: false,
    },
    {
      stepId: 'grant-vpn',
      system: 'vpn',
      expected: 'GRANTED',
      observed: 'ERROR',
      drift: false,
      error: 'vpn: connection refused',
    },
  ]);
  const audit = await h.prisma.auditEvent.findMany({
    where: { runId: run.id },
    orderBy: { id: 'asc' },
  });
  expect(audit.map((a) => [a.action, a.actor, a.entityId])).toEqual([
    ['access.drift_detected', 'system:reconciliation', 'grant-container-registry'],
    ['access.verified', 'it-yawa', `${run.id}:api:one`],
  ]);
});

it('answers a retried verification with the report it recorded, once audited', async () => {
  const { run, hire } = await seedRun(h.prisma);
  const accounts = new Set<string>();
  await recordGrant(h.prisma, {
    runId: run.id,
    stepId: 'grant-directory-account',
    system: 'ldap',
    scope: 'member',
  });
  const { verifyRunAccess } = createRunAccessVerification(h.prisma, { ldap: target(accounts) });
  const input = { runId: run.id, key: 'checkpoint-day-30:1', actor: 'system:workflow' };

  const first = await verifyRunAccess(input);
  accounts.add(`ldap:${usernameFor(hire.id)}`); // the target changes meanwhile
  const retried = await verifyRunAccess(input);

  expect(first.drift).toBe(true);
  expect(retried).toEqual(first);
  expect(
    await h.prisma.auditEvent.count({ where: { runId: run.id, action: 'access.verified' } }),
  ).toBe(1);
  const fresh = await verifyRunAccess({ ...input, key: 'checkpoint-day-60:1' });
  expect(fresh.drift).toBe(false);
});
