/** Connection options for a Temporal server or cluster (plain, mTLS, or API key), shared by API and worker. */
import { readFileSync } from 'node:fs';
import type { TemporalConfig } from './env';

export interface TemporalConnectionOptions {
  address: string;
  tls?: {
    serverNameOverride?: string;
    serverRootCACertificate?: Buffer;
    clientCertPair?: { crt: Buffer; key: Buffer };
  };
  apiKey?: string;
}

export function temporalConnectionOptions(t: TemporalConfig): TemporalConnectionOptions {
  if (!t.tls) return { address: t.address };
  return {
    address: t.address,
    apiKey: t.apiKey,
    tls: {
      serverNameOverride: t.tlsServerName,
      serverRootCACertificate: t.tlsCaPath ? readFileSync(t.tlsCaPath) : undefined,
      clientCertPair:
        t.tlsCertPath && t.tlsKeyPath
          ? { crt: readFileSync(t.tlsCertPath), key: readFileSync(t.tlsKeyPath) }
          : undefined,
    },
  };
}
