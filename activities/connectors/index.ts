/**
 * Connectors: one adapter per kind of target system (docs/connectors.md). Built by the worker
 * from PROVISIONING_SYSTEMS; systems not listed stay manual. May import config types and Node/pg.
 */
import type { ProvisioningConfig } from '../../config/provisioning';
import { manualConnector, type Connector } from '../provisioning.activities';
import { createLdapConnector } from './ldap.connector';
import { createPostgresRoleConnector } from './postgres-role.connector';
import { createScimConnector } from './scim.connector';
import { createWebhookConnector } from './webhook.connector';

export interface Connectors {
  bySystem: Record<string, Connector>;
  /** Closes pools and connections held by connectors. */
  close(): Promise<void>;
}

export function createConnectors(config: ProvisioningConfig): Connectors {
  const bySystem: Record<string, Connector> = {};
  const closers: (() => Promise<void>)[] = [];
  for (const [system, s] of Object.entries(config)) {
    if (s.connector === 'postgres-role') {
      const c = createPostgresRoleConnector(s);
      closers.push(() => c.close());
      bySystem[system] = c;
    } else if (s.connector === 'ldap') bySystem[system] = createLdapConnector(s);
    else if (s.connector === 'webhook') bySystem[system] = createWebhookConnector(s);
    else if (s.connector === 'scim') bySystem[system] = createScimConnector(s);
    else if (s.connector === 'manual') bySystem[system] = manualConnector;
  }
  return {
    bySystem,
    close: async () => {
      await Promise.allSettled(closers.map((close) => close()));
    },
  };
}
