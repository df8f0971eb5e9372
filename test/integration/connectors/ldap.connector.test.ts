/**
 * ldap against a real OpenLDAP slapd started on loopback for this file (test/support/slapd.ts).
 * Two systems share the directory, as in the plan: `ldap` (developers, rust-team) and `vpn`.
 */
import { Attribute, Change, Client } from 'ldapts';
import { createLdapConnector } from '../../../activities/connectors/ldap.connector';
import {
  createAccessVerification,
  createProvisioningActivities,
  usernameFor,
} from '../../../activities/provisioning.activities';
import type { LdapSettings } from '../../../config/provisioning';
import { freePort } from '../../../scripts/dev/ports';
import { slapdAvailable, startSlapd, type Slapd } from '../../../scripts/dev/slapd';
import { recordGrant, seedRun, startHarness, type ConnectorHarness } from './harness';

if (!slapdAvailable())
  console.warn('ldap connector tests skipped: slapd is not installed (apt-get install slapd)');
const suite = slapdAvailable() ? describe : describe.skip;

suite('ldap connector', () => {
  let h: ConnectorHarness;
  let slapd: Slapd;
  let admin: Client;
  const settings = (groups: string[], over: Partial<LdapSettings> = {}): LdapSettings => ({
    connector: 'ldap',
    url: slapd.url,
    bindDn: slapd.adminDn,
    password: slapd.adminPassword,
    peopleDn: slapd.peopleDn,
    groupsDn: slapd.groupsDn,
    groups,
    timeoutMs: 3_000,
    ...over,
  });
  const connectors = () => ({
    ldap: createLdapConnector(settings(['developers', 'rust-team'])),
    vpn: createLdapConnector(settings(['vpn-users'])),
  });
  const activities = () => ({
    ...createProvisioningActivities(h.prisma, connectors()),
    ...createAccessVerification(h.prisma, connectors()),
  });

  beforeAll(async () => {
    h = await startHarness();
    slapd = await startSlapd(['developers', 'rust-team', 'vpn-users']);
    admin = new Client({ url: slapd.url }); // no timeout: ldapts leaves the unbind's timer running
    await admin.bind(slapd.adminDn, slapd.adminPassword);
  });

  afterAll(async () => {
    await admin?.unbind();
    await slapd?.stop();
    await h?.close();
  });

  async function accounts(uid: string): Promise<number> {
    const { searchEntries } = await admin.search(slapd.peopleDn, { filter: `(uid=${uid})` });
    return searchEntries.length;
  }
  async function groupsOf(dn: string): Promise<string[]> {
    const { searchEntries } = await admin.search(slapd.groupsDn, {
      scope: 'one',
      filter: `(member=${dn})`,
    });
    return searchEntries.map((e) => String(e.cn)).sort();
  }

  it('creates one account across retries and adds it to every group of each system', async () => {
    const { hire, run } = await seedRun(h.prisma, 'Kofi Yao Agbeko');
    const uid = usernameFor(hire.id);
    const dn = `uid=${uid},${slapd.peopleDn}`;
    const req = { runId: run.id, stepId: 'access-ldap', system: 'ldap', scope: 'account' };
    const first = await activities().grantAccess(req);
    const retried = await activities().grantAccess(req); // crashed before completion, retried
    expect(first).toEqual({ mode: 'AUTOMATIC', externalRef: dn });
    expect(retried).toEqual(first);
    await activities().grantAccess({ ...req, stepId: 'access-vpn', system: 'vpn' });
    expect(await accounts(uid)).toBe(1);
    expect(await groupsOf(dn)).toEqual(['developers', 'rust-team', 'vpn-users']);
    const { searchEntries } = await admin.search(dn, { scope: 'base' });
    expect(searchEntries[0]).toMatchObject({
      cn: 'Kofi Yao Agbeko',
      sn: 'Agbeko',
      mail: hire.email,
    });
  });

  it('verifies membership, reports drift, and revokes completely (absent is a success)', async () => {
    const { hire, run } = await seedRun(h.prisma);
    const uid = usernameFor(hire.id);
    const dn = `uid=${uid},${slapd.peopleDn}`;
    const ldap = { runId: run.id, stepId: 'access-ldap', system: 'ldap', scope: 'account' };
    const vpn = { runId: run.id, stepId: 'access-vpn', system: 'vpn', scope: 'vpn' };
    for (const req of [ldap, vpn]) {
      const granted = await activities().grantAccess(req);
      await recordGrant(h.prisma, { ...req, externalRef: granted.externalRef });
    }
    expect(await activities().verifyAccess(ldap)).toMatchObject({ present: true, drift: false });

    await admin.modify(`cn=rust-team,${slapd.groupsDn}`, [
      new Change({
        operation: 'delete',
        modification: new Attribute({ type: 'member', values: [dn] }),
      }),
    ]);
    const drifted = await activities().verifyAccess(ldap);
    expect(drifted).toMatchObject({ present: false, drift: true });
    expect(drifted.details).toMatchObject({ missingGroups: ['rust-team'] });

    // Cancelling the run revokes each grant: the account goes with its last managed group.
    await activities().revokeAccess(vpn);
    expect(await groupsOf(dn)).toEqual(['developers']);
    await activities().revokeAccess(ldap);
    expect(await accounts(uid)).toBe(0);
    await expect(connectors().ldap.revoke({ ...ldap, hire: identity(hire) })).resolves.toBe(
      undefined,
    );
    expect(await activities().verifyAccess(ldap)).toMatchObject({ present: false, drift: false });
  });

  it('classifies bad credentials as permanent and an unreachable directory as retryable', async () => {
    const { hire, run } = await seedRun(h.prisma);
    const req = {
      runId: run.id,
      stepId: 's',
      system: 'ldap',
      scope: 'account',
      hire: identity(hire),
    };
    const badPassword = createLdapConnector(settings(['developers'], { password: 'wrong' }));
    await expect(badPassword.grant(req)).rejects.toMatchObject({
      type: 'ProvisioningRejected',
      nonRetryable: true,
    });
    const down = createLdapConnector(
      settings(['developers'], { url: `ldap://127.0.0.1:${await freePort()}`, timeoutMs: 500 }),
    );
    await expect(down.grant(req)).rejects.toMatchObject({
      type: 'ProvisioningUnavailable',
      nonRetryable: false,
    });
  });
});

function identity(hire: { id: string; email: string; fullName: string }) {
  return {
    hireId: hire.id,
    username: usernameFor(hire.id),
    email: hire.email,
    fullName: hire.fullName,
    givenName: 'Ama',
    familyName: 'Mensah',
  };
}
