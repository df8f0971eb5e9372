import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../../../../config/env';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';

const config: AuthConfig = {
  jwksPath: 'unused',
  issuer: 'df-test',
  audience: 'df-api',
  algorithms: ['ES256'],
  rolesClaim: 'roles',
  clockToleranceSeconds: 5,
  session: { idleMinutes: 30, absoluteHours: 12, secret: 'x'.repeat(32), secureCookie: false },
};
const T0 = Date.UTC(2026, 10, 25, 12); // the fake clock's start, in ms
const s = (ms: number) => Math.floor(ms / 1000);

let privateKey: CryptoKey;
let jwks: JWTVerifyGetKey;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), alg: 'ES256' }] });
});

function sign(claims: { sub?: string; exp: number; aud?: string; roles?: string[] }) {
  return new SignJWT({ roles: claims.roles ?? ['HR'] })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject(claims.sub ?? 'hr-amina')
    .setIssuer(config.issuer)
    .setAudience(claims.aud ?? config.audience)
    .setIssuedAt(s(T0))
    .setExpirationTime(claims.exp)
    .sign(privateKey);
}

/** A verifier on a fake clock that counts signature checks (calls of the key resolver). */
function verifierAt(cache = { maxEntries: 100, maxAgeMs: 60_000 }) {
  const clock = { now: T0, keyLookups: 0 };
  const keys: JWTVerifyGetKey = (header, token) => {
    clock.keyLookups += 1;
    return jwks(header, token);
  };
  const verifier = new JwtVerifier(config, { keys, cache, nowMs: () => clock.now });
  return { verifier, clock };
}

describe('JwtVerifier token cache', () => {
  it('checks a token once, then answers the same principal from the cache', async () => {
    const token = await sign({ exp: s(T0) + 3600 });
    const { verifier, clock } = verifierAt();
    const first = await verifier.verify(token);
    first.roles.push('ADMIN'); // what one request does to its principal stays there
    expect(await verifier.verify(token)).toEqual({ sub: 'hr-amina', roles: ['HR'] });
    expect(clock.keyLookups).toBe(1);
  });

  it('never serves a token past its exp: it is checked again and refused', async () => {
    const token = await sign({ exp: s(T0) + 30 });
    const { verifier, clock } = verifierAt();
    await verifier.verify(token);
    clock.now = T0 + 29_000;
    await verifier.verify(token);
    expect(clock.keyLookups).toBe(1);
    clock.now = T0 + 36_000; // past exp and the 5 s clock tolerance
    await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
    expect(clock.keyLookups).toBe(2);
  });

  it('re-checks a token after maxAgeMs even when it is still valid', async () => {
    const token = await sign({ exp: s(T0) + 3600 });
    const { verifier, clock } = verifierAt({ maxEntries: 100, maxAgeMs: 1_000 });
    await verifier.verify(token);
    clock.now = T0 + 1_000;
    await verifier.verify(token);
    expect(clock.keyLookups).toBe(2);
  });

  it('does not cache refusals, and a token with a tampered signature is checked and refused', async () => {
    const token = await sign({ exp: s(T0) + 3600 });
    const wrongAudience = await sign({ exp: s(T0) + 3600, aud: 'someone-else' });
    const { verifier, clock } = verifierAt();
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.');
    const flipped = signature[5] === 'A' ? 'B' : 'A';
    const tampered = `${header}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`;
    await expect(verifier.verify(tampered)).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(wrongAudience)).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(wrongAudience)).rejects.toThrow(InvalidTokenError);
    expect(clock.keyLookups).toBe(4);
  });

  it('holds at most maxEntries tokens, evicting the oldest', async () => {
    const tokens = await Promise.all(
      ['a', 'b', 'c'].map((sub) => sign({ sub, exp: s(T0) + 3600 })),
    );
    const { verifier, clock } = verifierAt({ maxEntries: 2, maxAgeMs: 60_000 });
    for (const token of tokens) await verifier.verify(token);
    expect(clock.keyLookups).toBe(3);
    await verifier.verify(tokens[2]);
    await verifier.verify(tokens[1]);
    expect(clock.keyLookups).toBe(3);
    expect((await verifier.verify(tokens[0])).sub).toBe('a');
    expect(clock.keyLookups).toBe(4);
  });
});
