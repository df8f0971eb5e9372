/**
 * The embedded setup's identity provider: one ES256 key pair kept in a git-ignored folder
 * (.data/auth by default). The API verifies against the public JWKS; `npm run token` signs demo
 * tokens with the private key. Production points AUTH_JWKS_URL at the real provider instead.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

export interface LocalKeys {
  privateJwk: JWK;
  jwksPath: string;
}

export async function ensureLocalKeys(jwksPath: string): Promise<LocalKeys> {
  const privatePath = path.join(path.dirname(jwksPath), 'private-key.jwk.json');
  if (existsSync(privatePath) && existsSync(jwksPath)) {
    return { privateJwk: JSON.parse(readFileSync(privatePath, 'utf8')) as JWK, jwksPath };
  }
  mkdirSync(path.dirname(jwksPath), { recursive: true });
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  writeFileSync(privatePath, JSON.stringify(privateJwk), { mode: 0o600 });
  writeFileSync(jwksPath, JSON.stringify({ keys: [publicJwk] }, null, 2));
  return { privateJwk, jwksPath };
}

export interface TokenClaims {
  sub: string;
  roles: string[];
  email?: string;
  issuer: string;
  audience: string;
  expiresIn?: string;
}

export async function signToken(privateJwk: JWK, claims: TokenClaims): Promise<string> {
  const key = await importJWK(privateJwk, 'ES256');
  return new SignJWT({ roles: claims.roles, ...(claims.email ? { email: claims.email } : {}) })
    .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid })
    .setSubject(claims.sub)
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '8h')
    .sign(key);
}
