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
  metadata?: Record<string, string>;
}

/** A PEM given inline (a config profile's `*_data`) or by path. */
function pem(data?: string, path?: string): Buffer | undefined {
  if (data) return Buffer.from(data);
  return path ? readFileSync(path) : undefined;
}

export function temporalConnectionOptions(t: TemporalConfig): TemporalConnectionOptions {
  const metadata = t.metadata && { metadata: t.metadata };
  if (!t.tls) return { address: t.address, ...metadata };
  const crt = pem(t.tlsCertData, t.tlsCertPath);
  const key = pem(t.tlsKeyData, t.tlsKeyPath);
  return {
    address: t.address,
    apiKey: t.apiKey,
    ...metadata,
    tls: {
      serverNameOverride: t.tlsServerName,
      serverRootCACertificate: pem(t.tlsCaData, t.tlsCaPath),
      clientCertPair: crt && key ? { crt, key } : undefined,
    },
  };
}
