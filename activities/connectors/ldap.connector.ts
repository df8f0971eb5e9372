/**
 * ldap: the hire's account `uid=<username>,<peopleDn>` (inetOrgPerson) and its membership of the
 * configured groups (groupOfNames `member`, under `groupsDn`). Several systems may share one
 * directory (e.g. `ldap` → developers, rust-team; `vpn` → vpn-users): revoke removes this system's
 * memberships and deletes the account once it belongs to no group any more. Every call binds with
 * the service account, bounded by `timeoutMs`.
 */
import { Attribute, Change, Client, EqualityFilter, ResultCodeError } from 'ldapts';
import type { LdapSettings } from '../../config/provisioning';
import {
  provisioningRejected,
  type Connector,
  type ConnectorRequest,
} from '../provisioning.activities';
import { classified, withTimeout } from './support';

// Result codes that retrying will not fix: attribute/naming/object-class problems, bad DN,
// credentials, access rights, "unwilling to perform" (RFC 4511 §4.1.9).
const PERMANENT = new Set([16, 17, 18, 19, 20, 21, 34, 36, 48, 49, 50, 53, 64, 65, 66, 67, 69]);
const NO_SUCH_OBJECT = 32;
const NO_SUCH_ATTRIBUTE = 16;
const TYPE_OR_VALUE_EXISTS = 20;
const ALREADY_EXISTS = 68;

export function createLdapConnector(s: LdapSettings): Connector {
  const userDn = (req: ConnectorRequest) => `uid=${req.hire.username},${s.peopleDn}`;
  const groupDn = (group: string) => `cn=${group},${s.groupsDn}`;

  async function session<T>(what: string, work: (c: Client) => Promise<T>): Promise<T> {
    // No per-operation `timeout`: ldapts would leave the unbind's timer running. One deadline
    // bounds the whole session instead, and ending the session drops the socket.
    const client = new Client({ url: s.url, connectTimeout: s.timeoutMs });
    const run = async () => {
      await client.bind(s.bindDn, s.password);
      return work(client);
    };
    try {
      return await withTimeout(run(), s.timeoutMs, `ldap ${what}`);
    } catch (err) {
      if (err instanceof ResultCodeError && PERMANENT.has(err.code))
        throw provisioningRejected(`ldap ${what}: ${err.message} (${err.code})`);
      if (err instanceof ResultCodeError && err.code === NO_SUCH_OBJECT)
        throw provisioningRejected(`ldap ${what}: ${err.message} (check peopleDn/groupsDn/groups)`);
      throw classified(err, `ldap ${what}`);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  const ignoring =
    (...codes: number[]) =>
    (err: unknown) => {
      if (err instanceof ResultCodeError && codes.includes(err.code)) return;
      throw err;
    };

  async function exists(c: Client, dn: string): Promise<boolean> {
    try {
      await c.search(dn, { scope: 'base', attributes: ['uid'] });
      return true;
    } catch (err) {
      if (err instanceof ResultCodeError && err.code === NO_SUCH_OBJECT) return false;
      throw err;
    }
  }

  async function groupsOf(c: Client, dn: string): Promise<string[]> {
    const { searchEntries } = await c.search(s.groupsDn, {
      scope: 'one',
      filter: new EqualityFilter({ attribute: 'member', value: dn }),
      attributes: ['cn'],
    });
    return searchEntries.map((e) => String(e.cn));
  }

  return {
    async grant(req) {
      const dn = userDn(req);
      await session('grant', async (c) => {
        if (!(await exists(c, dn)))
          await c
            .add(dn, {
              objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
              uid: req.hire.username,
              cn: req.hire.fullName,
              sn: req.hire.familyName,
              givenName: req.hire.givenName,
              displayName: req.hire.fullName,
              mail: req.hire.email,
            })
            .catch(ignoring(ALREADY_EXISTS)); // a concurrent retry created it first
        for (const group of s.groups)
          await c.modify(groupDn(group), [member('add', dn)]).catch(ignoring(TYPE_OR_VALUE_EXISTS)); // already a member
      });
      return { mode: 'AUTOMATIC', externalRef: dn };
    },

    async revoke(req) {
      const dn = userDn(req);
      await session('revoke', async (c) => {
        for (const group of s.groups)
          await c.modify(groupDn(group), [member('delete', dn)]).catch(ignoring(NO_SUCH_ATTRIBUTE)); // not (or no longer) a member
        if ((await groupsOf(c, dn)).length === 0) await c.del(dn).catch(ignoring(NO_SUCH_OBJECT)); // absent: already revoked
      });
    },

    async verify(req) {
      const dn = userDn(req);
      return session('verify', async (c) => {
        if (!(await exists(c, dn))) return { present: false, details: { dn } };
        const groups = await groupsOf(c, dn);
        const missingGroups = s.groups.filter((g) => !groups.includes(g));
        // `held`: in one of this system's groups at least (discovery of a person's access).
        const held = missingGroups.length < s.groups.length;
        return {
          present: missingGroups.length === 0,
          details: { dn, groups, missingGroups, held },
        };
      });
    },

    /** The uid of the account under `peopleDn` whose `mail` is this address (discovery). */
    async findUsername(email) {
      return session('lookup', async (c) => {
        const { searchEntries } = await c.search(s.peopleDn, {
          scope: 'one',
          filter: new EqualityFilter({ attribute: 'mail', value: email }),
          attributes: ['uid'],
        });
        return searchEntries.length === 1 ? String(searchEntries[0].uid) : undefined;
      });
    },
  };
}

function member(operation: 'add' | 'delete', dn: string): Change {
  return new Change({ operation, modification: new Attribute({ type: 'member', values: [dn] }) });
}
