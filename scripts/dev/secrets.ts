/**
 * The embedded setup's own secrets, generated once into the git-ignored data folder (like the
 * local JWKS, scripts/local-auth.ts) and passed to the API and the worker by environment. A
 * variable already set in the environment wins. Never used by a production deployment, which sets
 * its own (docs/operations.md "Secrets").
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every secret the embedded setup generates: add new ones here. The OIDC client secret is shared by
 * the embedded provider and the API (scripts/dev.ts registers the client from the API's config).
 */
const GENERATED = ['ACTION_LINK_SECRET', 'AUTH_SESSION_SECRET', 'AUTH_OIDC_CLIENT_SECRET'] as const;

export type DevSecrets = Record<(typeof GENERATED)[number], string>;

export function devSecretsPath(dataDir: string): string {
  return path.join(dataDir, 'secrets', 'dev-secrets.json');
}

/** Reads the file, adds whichever secret is missing from it, and returns them all. */
export function ensureDevSecrets(dataDir: string): DevSecrets {
  const file = devSecretsPath(dataDir);
  const stored: Partial<Record<string, string>> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  let changed = false;
  for (const name of GENERATED) {
    if (typeof stored[name] !== 'string' || stored[name].length < 32) {
      stored[name] = randomBytes(48).toString('base64url');
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  return Object.fromEntries(GENERATED.map((n) => [n, stored[n] as string])) as DevSecrets;
}

/** The environment for the embedded API and worker: dev mode, and the secrets not set already. */
export function devSecretEnv(env: NodeJS.ProcessEnv, dataDir: string): NodeJS.ProcessEnv {
  const secrets = ensureDevSecrets(dataDir);
  const out: NodeJS.ProcessEnv = { DFO_DEV_MODE: '1' };
  for (const [name, value] of Object.entries(secrets)) if (!env[name]) out[name] = value;
  return out;
}
