/**
 * What `npm run up` starts and where, resolved once from the environment. Pure: no I/O, so the
 * rules (which service is embedded, which port, which variable moves it) are unit-tested.
 */
import path from 'node:path';

export const LOOPBACK = '127.0.0.1';
export const DATABASE_NAME = 'df_onboarding';

export type DatabaseChoice = 'auto' | 'postgres' | 'pglite';

export interface PortSetting {
  port: number;
  /** The environment variable that moves this port (named in "port busy" messages). */
  envVar: string;
  label: string;
}

export interface DevSettings {
  root: string;
  dataDir: string;
  database:
    { mode: 'external'; url: string } | { mode: DatabaseChoice; port: PortSetting; name: string };
  temporal:
    | { mode: 'external'; address: string }
    | { mode: 'embedded'; port: PortSetting; uiPort: PortSetting };
  mail:
    { mode: 'external' } | { mode: 'embedded'; smtpPort: PortSetting; mailboxPort: PortSetting };
  api: { port: PortSetting };
  /** Browser sign-in: the embedded OpenID provider unless AUTH_OIDC_ISSUER points elsewhere. */
  identity: { mode: 'external'; issuer: string } | { mode: 'embedded'; port: PortSetting };
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

type Env = Record<string, string | undefined>;

function set(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function port(env: Env, envVar: string, fallback: number, label: string): PortSetting {
  const raw = set(env, envVar);
  if (raw === undefined) return { port: fallback, envVar, label };
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new SettingsError(`${envVar}: must be a TCP port between 1 and 65535 (got "${raw}")`);
  }
  return { port: Number(raw), envVar, label };
}

export function resolveSettings(env: Env, root: string): DevSettings {
  // DEV_DATA_DIR: a private state folder, e.g. for the console's browser tests (apps/console/e2e).
  const dataDir = path.resolve(root, set(env, 'DEV_DATA_DIR') ?? '.data');

  const choice = (set(env, 'DEV_DATABASE') ?? 'auto').toLowerCase();
  if (choice !== 'auto' && choice !== 'postgres' && choice !== 'pglite') {
    throw new SettingsError(`DEV_DATABASE: must be auto, postgres or pglite (got "${choice}")`);
  }
  const databaseUrl = set(env, 'DATABASE_URL');
  const database: DevSettings['database'] = databaseUrl
    ? { mode: 'external', url: databaseUrl }
    : {
        mode: choice,
        port: port(env, 'DEV_POSTGRES_PORT', 54329, 'PostgreSQL (embedded)'),
        name: DATABASE_NAME,
      };

  const temporalAddress = set(env, 'TEMPORAL_ADDRESS');
  const temporal: DevSettings['temporal'] = temporalAddress
    ? { mode: 'external', address: temporalAddress }
    : {
        mode: 'embedded',
        port: port(env, 'DEV_TEMPORAL_PORT', 7233, 'Temporal frontend (gRPC)'),
        uiPort: port(env, 'DEV_TEMPORAL_UI_PORT', 8233, 'Temporal Web UI'),
      };

  const mail: DevSettings['mail'] =
    set(env, 'SMTP_URL') || set(env, 'SMTP_HOST')
      ? { mode: 'external' }
      : {
          mode: 'embedded',
          smtpPort: port(env, 'SMTP_PORT', 1025, 'SMTP (mail catcher)'),
          mailboxPort: port(env, 'DEV_MAILBOX_PORT', 1080, 'mailbox web page'),
        };

  const api = { port: port(env, 'API_PORT', 3000, 'API') };

  const issuer = set(env, 'AUTH_OIDC_ISSUER');
  const identity: DevSettings['identity'] = issuer
    ? { mode: 'external', issuer }
    : { mode: 'embedded', port: port(env, 'DEV_IDP_PORT', 3001, 'identity provider (OIDC)') };

  const settings: DevSettings = { root, dataDir, database, temporal, mail, api, identity };
  const clash = duplicatePort(embeddedPorts(settings));
  if (clash) {
    throw new SettingsError(
      `${clash[0].envVar} and ${clash[1].envVar} both ask for port ${clash[0].port}: change one of them`,
    );
  }
  return settings;
}

/** Every port `npm run up` will listen on (checked before anything starts). */
export function embeddedPorts(s: DevSettings): PortSetting[] {
  const ports: PortSetting[] = [s.api.port];
  if (s.database.mode !== 'external') ports.push(s.database.port);
  if (s.temporal.mode === 'embedded') ports.push(s.temporal.port, s.temporal.uiPort);
  if (s.mail.mode === 'embedded') ports.push(s.mail.smtpPort, s.mail.mailboxPort);
  if (s.identity.mode === 'embedded') ports.push(s.identity.port);
  return ports;
}

function duplicatePort(ports: PortSetting[]): [PortSetting, PortSetting] | undefined {
  for (let i = 0; i < ports.length; i++) {
    for (let j = i + 1; j < ports.length; j++) {
      if (ports[i].port === ports[j].port) return [ports[i], ports[j]];
    }
  }
  return undefined;
}

/** The URL of the embedded database (local cluster or PGlite: PGlite serves one database). */
export function embeddedDatabaseUrl(mode: 'postgres' | 'pglite', portNumber: number): string {
  const name = mode === 'pglite' ? 'postgres' : DATABASE_NAME;
  return `postgresql://postgres@${LOOPBACK}:${portNumber}/${name}`;
}

/** Hides the password of a connection URL before it is printed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}
