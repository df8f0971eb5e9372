/**
 * Principals of recently verified bearer tokens, so that a client sending the same token on every
 * request pays the ES256/RS256 signature check once per `maxAgeMs`, not once per request.
 *
 * Security: only tokens that passed every check of JwtVerifier are stored; an entry never outlives
 * the token's `exp` (nor `maxAgeMs`, which bounds how long a key removed from a remote JWKS keeps
 * admitting tokens it signed); the key is the sha256 of the whole token, so a token differing in
 * any byte (signature included) is verified from scratch; the cache holds at most `maxEntries`
 * (oldest evicted first) and keeps no token text.
 */
import { createHash } from 'node:crypto';
import type { Principal } from './roles';

export interface TokenCacheOptions {
  maxEntries: number;
  maxAgeMs: number;
}

export const DEFAULT_TOKEN_CACHE: TokenCacheOptions = { maxEntries: 10_000, maxAgeMs: 60_000 };

interface Entry {
  principal: Principal;
  expiresAtMs: number;
}

export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: TokenCacheOptions = DEFAULT_TOKEN_CACHE,
    private readonly nowMs: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string): Principal | undefined {
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.nowMs() >= entry.expiresAtMs) {
      this.entries.delete(key);
      return undefined;
    }
    // A copy: nothing a request does to its principal reaches the next request.
    return { ...entry.principal, roles: [...entry.principal.roles] };
  }

  /** Stores a principal verified at this instant, whose token expires at `expSeconds`. */
  set(token: string, principal: Principal, expSeconds: number): void {
    if (this.options.maxEntries <= 0) return;
    const now = this.nowMs();
    const expiresAtMs = Math.min(expSeconds * 1000, now + this.options.maxAgeMs);
    if (!(expiresAtMs > now)) return;
    const key = keyOf(token);
    this.entries.delete(key);
    while (this.entries.size >= this.options.maxEntries) {
      // Map iteration follows insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(key, {
      principal: { ...principal, roles: [...principal.roles] },
      expiresAtMs,
    });
  }
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
