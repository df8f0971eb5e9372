/**
 * scim: a SCIM 2.0 client (RFC 7643/7644). Grant finds the User by `userName` or creates it
 * (re-activating a deactivated one), then adds it to each configured Group with PATCH. Revoke
 * removes the memberships with PATCH and deactivates the User (`active: false`): identity
 * providers keep deactivated users for audit. Bearer token from the environment.
 */
import type { ScimSettings } from '../../config/provisioning';
import {
  provisioningRejected,
  provisioningUnavailable,
  type Connector,
  type ConnectorRequest,
} from '../provisioning.activities';
import { classified } from './support';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface ScimUser {
  userName?: string;
  id: string;
  active?: boolean;
}
interface ScimGroup {
  id: string;
  displayName: string;
  members?: { value: string }[];
}

export function createScimConnector(s: ScimSettings): Connector {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const what = `scim ${method} ${path.split('?')[0]}`;
    try {
      const res = await fetch(`${s.url}${path}`, {
        method,
        signal: AbortSignal.timeout(s.timeoutMs),
        headers: {
          authorization: `Bearer ${s.token}`,
          accept: 'application/scim+json',
          'content-type': 'application/scim+json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.ok) return (text ? JSON.parse(text) : undefined) as T;
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
        throw provisioningRejected(`${what}: HTTP ${res.status} ${text.slice(0, 200)}`);
      throw provisioningUnavailable(`${what}: HTTP ${res.status}`);
    } catch (err) {
      throw classified(err, what);
    }
  }

  const eq = (attribute: string, value: string) =>
    `filter=${encodeURIComponent(`${attribute} eq "${value.replace(/"/g, '\\"')}"`)}`;

  async function findUser(req: ConnectorRequest): Promise<ScimUser | undefined> {
    const list = await call<{ Resources?: ScimUser[] }>(
      'GET',
      `/Users?${eq('userName', req.hire.username)}`,
    );
    return list.Resources?.[0];
  }

  async function group(name: string): Promise<ScimGroup> {
    const list = await call<{ Resources?: ScimGroup[] }>(
      'GET',
      `/Groups?${eq('displayName', name)}`,
    );
    const found = list.Resources?.[0];
    if (!found) throw provisioningRejected(`scim: group ${name} does not exist`);
    return call<ScimGroup>('GET', `/Groups/${found.id}`);
  }

  const isMember = (g: ScimGroup, userId: string) =>
    (g.members ?? []).some((m) => m.value === userId);

  const patch = (path: string, Operations: unknown[]) =>
    call('PATCH', path, { schemas: [PATCH], Operations });

  return {
    async grant(req) {
      let user = await findUser(req);
      if (!user)
        user = await call<ScimUser>('POST', '/Users', {
          schemas: [USER],
          userName: req.hire.username,
          externalId: req.hire.hireId,
          name: { givenName: req.hire.givenName, familyName: req.hire.familyName },
          displayName: req.hire.fullName,
          emails: [{ value: req.hire.email, type: 'work', primary: true }],
          active: true,
        });
      else if (user.active === false)
        await patch(`/Users/${user.id}`, [{ op: 'replace', path: 'active', value: true }]);
      for (const name of s.groups) {
        const g = await group(name);
        if (!isMember(g, user.id))
          await patch(`/Groups/${g.id}`, [
            { op: 'add', path: 'members', value: [{ value: user.id }] },
          ]);
      }
      return { mode: 'AUTOMATIC', externalRef: `scim:Users/${user.id}` };
    },

    async revoke(req) {
      const user = await findUser(req);
      if (!user) return; // absent: already revoked
      for (const name of s.groups) {
        const g = await group(name);
        if (isMember(g, user.id))
          await patch(`/Groups/${g.id}`, [
            { op: 'remove', path: `members[value eq "${user.id}"]` },
          ]);
      }
      if (user.active !== false)
        await patch(`/Users/${user.id}`, [{ op: 'replace', path: 'active', value: false }]);
    },

    async verify(req) {
      const user = await findUser(req);
      if (!user) return { present: false };
      const missingGroups: string[] = [];
      for (const name of s.groups)
        if (!isMember(await group(name), user.id)) missingGroups.push(name);
      const active = user.active !== false;
      return {
        present: active && missingGroups.length === 0,
        // Held at all (discovery of a person's access): active and in one configured group.
        details: {
          id: user.id,
          active,
          missingGroups,
          held: active && missingGroups.length < s.groups.length,
        },
      };
    },

    /** The userName of the user with this work email (discovery of a person with no run). */
    async findUsername(email) {
      const list = await call<{ Resources?: ScimUser[] }>(
        'GET',
        `/Users?${eq('emails.value', email)}`,
      );
      return list.Resources?.[0]?.userName;
    },
  };
}
