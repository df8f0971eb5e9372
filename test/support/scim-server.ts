/**
 * A real SCIM 2.0 service provider for the scim connector tests: SCIMMY (protocol, schemas,
 * filters, PatchOp) behind its Express routers, with an in-memory store, on a free loopback port.
 * Chosen because it implements the protocol side completely and only asks for storage handlers.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

type Stored = Record<string, unknown> & { id: string };

export interface ScimServer {
  url: string;
  token: string;
  users: Map<string, Stored>;
  groups: Map<string, Stored>;
  stop(): Promise<void>;
}

interface Query {
  id?: string;
  filter?: { match(values: Stored[]): Stored[] };
}

function store(kind: string, map: Map<string, Stored>) {
  return {
    egress: (resource: Query) => {
      if (resource.id) {
        const found = map.get(resource.id);
        if (!found)
          throw new SCIMMY.Types.Error(404, null as never, `${kind} ${resource.id} not found`);
        return found;
      }
      const all = [...map.values()];
      return resource.filter ? resource.filter.match(all) : all;
    },
    ingress: (resource: Query, instance: Record<string, unknown>) => {
      const id = resource.id ?? randomUUID();
      const now = new Date().toISOString();
      const stored: Stored = { ...instance, id, meta: { created: now, lastModified: now } };
      map.set(id, stored);
      return stored;
    },
    degress: (resource: Query) => {
      map.delete(resource.id ?? '');
    },
  };
}

export async function startScimServer(groups: string[]): Promise<ScimServer> {
  const token = `scim-test-${randomUUID()}`;
  const users = new Map<string, Stored>();
  const groupStore = new Map<string, Stored>();
  for (const name of groups) {
    const id = randomUUID();
    groupStore.set(id, { id, displayName: name, members: [] });
  }
  const u = store('User', users);
  const g = store('Group', groupStore);
  SCIMMY.Resources.declare(SCIMMY.Resources.User)
    .ingress(u.ingress as never)
    .egress(u.egress as never)
    .degress(u.degress as never);
  SCIMMY.Resources.declare(SCIMMY.Resources.Group)
    .ingress(g.ingress as never)
    .egress(g.egress as never)
    .degress(g.degress as never);
  const app = express();
  app.use(
    '/scim/v2',
    new SCIMMYRouters({
      type: 'bearer',
      handler: (req: { header(name: string): string | undefined }) => {
        if (req.header('authorization') !== `Bearer ${token}`) throw new Error('Unauthorized');
        return 'dfo-onboarding';
      },
    }),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`,
    token,
    users,
    groups: groupStore,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
