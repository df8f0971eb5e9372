/**
 * Temporal's client configuration profiles (`@temporalio/envconfig`, the TOML file the `temporal`
 * CLI and the other SDKs read): consulted only when TEMPORAL_CONFIG_FILE or TEMPORAL_PROFILE is set
 * (TEMPORAL_PROFILE alone: the default file, ~/.config/temporalio/temporal.toml). Our variables win
 * over the profile's values (config/env.ts); unknown keys in the file are an error, not ignored.
 */
import { loadClientConfigProfile, type ConfigDataSource } from '@temporalio/envconfig';

/** A profile's values, as config/env.ts merges them (PEM given inline in the file as `data`). */
export interface TemporalProfile {
  address?: string;
  namespace?: string;
  apiKey?: string;
  tls?: {
    disabled: boolean;
    serverName?: string;
    cert?: FileOrData;
    key?: FileOrData;
    ca?: FileOrData;
  };
  metadata?: Record<string, string>;
}

export type FileOrData = { path: string } | { data: string };

export function loadTemporalProfile(env: Record<string, string>): TemporalProfile | undefined {
  if (!env.TEMPORAL_CONFIG_FILE && !env.TEMPORAL_PROFILE) return undefined;
  // disableEnv: the environment's values are merged by config/env.ts, ours and the standard names.
  const p = loadClientConfigProfile({
    overrideEnvVars: env,
    disableEnv: true,
    configFileStrict: true,
  });
  return {
    address: p.address,
    namespace: p.namespace,
    apiKey: p.apiKey,
    tls: p.tls && {
      disabled: p.tls.disabled ?? false,
      serverName: p.tls.serverName,
      cert: fileOrData(p.tls.clientCert),
      key: fileOrData(p.tls.clientKey),
      ca: fileOrData(p.tls.serverCACert),
    },
    metadata: p.grpcMeta && Object.keys(p.grpcMeta).length > 0 ? p.grpcMeta : undefined,
  };
}

function fileOrData(source: ConfigDataSource | undefined): FileOrData | undefined {
  if (!source) return undefined;
  if ('path' in source) return { path: source.path };
  return {
    data: typeof source.data === 'string' ? source.data : Buffer.from(source.data).toString(),
  };
}
