/**
 * The embedded identity provider's secrets, generated once into the git-ignored data folder and
 * reused on every start: its token signing keys (a private JWKS: RS256, which every client accepts
 * for ID tokens, and ES256) and the keys that sign its own cookies. Regenerating them would sign
 * everyone out and invalidate tokens the API may still hold, so they are kept like local-auth.ts
 * keeps the bearer token key.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface ProviderKeys {
  /** Private keys, as oidc-provider's `jwks` option wants them. */
  jwks: { keys: JWK[] };
  cookieKeys: string[];
}

async function signingKey(alg: 'RS256' | 'ES256'): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `idp-${alg.toLowerCase()}-${Date.now().toString(36)}`;
  return { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
}

export async function ensureProviderKeys(dataDir: string): Promise<ProviderKeys> {
  const file = path.join(dataDir, 'keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ProviderKeys;
  mkdirSync(dataDir, { recursive: true });
  const keys: ProviderKeys = {
    jwks: { keys: [await signingKey('RS256'), await signingKey('ES256')] },
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
