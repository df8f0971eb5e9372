/**
 * Verifies bearer JWTs (OIDC-compatible): signature against a JWKS (the identity provider's URL,
 * or the local file of the embedded setup), issuer, audience, expiry and an algorithm allow-list.
 * `alg: none` and symmetric algorithms are never accepted. When browser sign-in is configured, access
 * tokens of that OpenID provider (`iss` = AUTH_OIDC_ISSUER, keys from its discovery document) are
 * accepted too, with the same audience and roles claim: that is how Swagger UI signs in. Verified tokens are remembered for a
 * short while (verified-token-cache.ts): the same checks, paid once per token instead of per request.
 */
import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import type { AuthConfig } from '../../../../config/env';
import { ROLES, type Principal, type Role } from './roles';
import {
  DEFAULT_TOKEN_CACHE,
  VerifiedTokenCache,
  type TokenCacheOptions,
} from './verified-token-cache';

export class InvalidTokenError extends Error {}

export interface JwtVerifierOptions {
  keys?: JWTVerifyGetKey;
  cache?: TokenCacheOptions;
  /** The clock of every time check (tests move it). */
  nowMs?: () => number;
}

export class JwtVerifier {
  private readonly keys: JWTVerifyGetKey;
  private readonly providerKeys?: JWTVerifyGetKey;
  private readonly cache: VerifiedTokenCache;
  private readonly nowMs: () => number;

  constructor(
    private readonly config: AuthConfig,
    options: JwtVerifierOptions = {},
  ) {
    this.keys = options.keys ?? JwtVerifier.keySet(config);
    if (config.oidc) this.providerKeys = JwtVerifier.discoveredKeySet(config.oidc.issuer);
    this.nowMs = options.nowMs ?? Date.now;
    this.cache = new VerifiedTokenCache(options.cache ?? DEFAULT_TOKEN_CACHE, this.nowMs);
  }

  private static keySet(config: AuthConfig): JWTVerifyGetKey {
    if (config.jwksUrl) return createRemoteJWKSet(new URL(config.jwksUrl));
    let jwks: JSONWebKeySet;
    try {
      jwks = JSON.parse(readFileSync(config.jwksPath, 'utf8')) as JSONWebKeySet;
    } catch (err) {
      throw new Error(
        `AUTH_JWKS_PATH: cannot read a JWKS from ${config.jwksPath} (${(err as Error).message})`,
        { cause: err },
      );
    }
    return createLocalJWKSet(jwks);
  }

  /** The provider's JWKS, found through its discovery document on first use. */
  private static discoveredKeySet(issuer: string): JWTVerifyGetKey {
    let keys: Promise<JWTVerifyGetKey> | undefined;
    const discover = async () => {
      const res = await fetch(`${issuer}/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const { jwks_uri } = (await res.json()) as { jwks_uri?: string };
      return createRemoteJWKSet(new URL(jwks_uri ?? ''));
    };
    return async (header, token) => {
      keys ??= discover();
      let resolve: JWTVerifyGetKey;
      try {
        resolve = await keys;
      } catch {
        keys = undefined;
        throw new InvalidTokenError("The identity provider's keys are unavailable");
      }
      return resolve(header, token);
    };
  }

  /** Which issuer a token claims decides which keys may have signed it (then checked). */
  private trustFor(token: string): { issuer: string; keys: JWTVerifyGetKey } {
    const provider = this.config.oidc?.issuer;
    if (provider && this.providerKeys) {
      try {
        if (decodeJwt(token).iss === provider) return { issuer: provider, keys: this.providerKeys };
      } catch {
        // not a JWT: refused below by the local checks
      }
    }
    return { issuer: this.config.issuer, keys: this.keys };
  }

  async verify(token: string): Promise<Principal> {
    const cached = this.cache.get(token);
    if (cached) return cached;
    const trust = this.trustFor(token);
    try {
      const { payload } = await jwtVerify(token, trust.keys, {
        issuer: trust.issuer,
        audience: this.config.audience,
        algorithms: this.config.algorithms,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
        currentDate: new Date(this.nowMs()),
      });
      const claimed = payload[this.config.rolesClaim];
      const roles = (Array.isArray(claimed) ? claimed : []).filter((r): r is Role =>
        (ROLES as readonly unknown[]).includes(r),
      );
      const email = typeof payload.email === 'string' ? payload.email : undefined;
      const principal: Principal = { sub: payload.sub!, roles, email };
      this.cache.set(token, principal, payload.exp!); // exp is a required claim
      return principal;
    } catch (err) {
      if (err instanceof errors.JOSEError) throw new InvalidTokenError(describe(err));
      throw err;
    }
  }
}

function describe(err: InstanceType<typeof errors.JOSEError>): string {
  if (err instanceof errors.JWTExpired) return 'The token has expired';
  if (err instanceof errors.JWTClaimValidationFailed)
    return `The token's ${err.claim} claim is not accepted`;
  if (err instanceof errors.JOSEAlgNotAllowed) return "The token's algorithm is not allowed";
  return 'The token is invalid';
}
