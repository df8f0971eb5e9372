/** scim against a real SCIM 2.0 service provider (SCIMMY + its Express routers) on loopback. */
import { createScimConnector } from '../../../activities/connectors/scim.connector';
import {
  createAccessVerification,
  createProvisioningActivities,
  usernameFor,
} from '../../../activities/provisioning.activities';
import { startScimServer, type ScimServer } from '../../support/scim-server';
import { recordGrant, seedRun, startHarness, type ConnectorHarness } from './harness';

const SYSTEM = 'grafana';
let h: ConnectorHarness;
let scim: ScimServer;

beforeAll(async () => {
  h = await startHarness();
  scim = await startScimServer(['developers', 'rust-team']);
});

afterAll(async () => {
  await scim.stop();
  await h.close();
});

const connector = (token = scim.token) =>
  createScimConnector({
    connector: 'scim',
    url: scim.url,
    token,
    groups: ['developers', 'rust-team'],
    timeoutMs: 3_000,
  });
const activities = () => ({
  ...createProvisioningActivities(h.prisma, { [SYSTEM]: connector() }),
  ...createAccessVerification(h.prisma, { [SYSTEM]: connector() }),
});

const usersNamed = (userName: string) =>
  [...scim.users.values()].filter((u) => u.userName === userName);
const membersOf = (name: string) =>
  ([...scim.groups.values()].find((g) => g.displayName === name)?.members ?? []) as {
    value: string;
  }[];

it('creates one User across a retried grant and adds it to each Group with PATCH', async () => {
  const { hire, run } = await seedRun(h.prisma, 'Afi Dzifa Amouzou');
  const userName = usernameFor(hire.id);
  const req = { runId: run.id, stepId: 'access-grafana', system: SYSTEM, scope: 'viewer' };
  const first = await activities().grantAccess(req);
  const retried = await activities().grantAccess(req); // crash before completion, retried
  expect(retried).toEqual(first);
  const users = usersNamed(userName);
  expect(users).toHaveLength(1);
  expect(first).toEqual({ mode: 'AUTOMATIC', externalRef: `scim:Users/${users[0].id}` });
  expect(users[0]).toMatchObject({ active: true, displayName: 'Afi Dzifa Amouzou' });
  for (const g of ['developers', 'rust-team'])
    expect(membersOf(g).filter((m) => m.value === users[0].id)).toHaveLength(1);
});

it('verifies, reports drift, deactivates on revoke, and revoking an absent User succeeds', async () => {
  const { hire, run } = await seedRun(h.prisma);
  const req = { runId: run.id, stepId: 'access-grafana', system: SYSTEM, scope: 'viewer' };
  const granted = await activities().grantAccess(req);
  await recordGrant(h.prisma, { ...req, externalRef: granted.externalRef });
  expect(await activities().verifyAccess(req)).toMatchObject({ present: true, drift: false });

  const user = usersNamed(usernameFor(hire.id))[0];
  scim.users.set(user.id, { ...user, active: false }); // deactivated by hand in the IdP
  expect(await activities().verifyAccess(req)).toMatchObject({ present: false, drift: true });

  await activities().revokeAccess(req);
  expect(scim.users.get(user.id)).toMatchObject({ active: false });
  expect(membersOf('developers').some((m) => m.value === user.id)).toBe(false);
  expect(await activities().verifyAccess(req)).toMatchObject({ present: false, drift: false });

  const other = await seedRun(h.prisma);
  await expect(
    activities().revokeAccess({ runId: other.run.id, stepId: 's', system: SYSTEM }),
  ).resolves.toBeUndefined();
});

it('classifies a refused token as permanent', async () => {
  const { run } = await seedRun(h.prisma);
  await expect(
    createProvisioningActivities(h.prisma, { [SYSTEM]: connector('wrong') }).grantAccess({
      runId: run.id,
      stepId: 's',
      system: SYSTEM,
      scope: 'viewer',
    }),
  ).rejects.toMatchObject({ type: 'ProvisioningRejected', nonRetryable: true });
});
