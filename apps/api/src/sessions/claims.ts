/**
 * Turns the ID token's claims into the person a session stands for: the same roles a bearer token
 * would give (AUTH_ROLES_CLAIM, a dotted path such as `realm_access.roles` for Keycloak), plus the
 * roles of mapped groups (AUTH_GROUP_ROLES). Unknown roles are dropped: no roles, no access.
 */
import type { OidcConfig } from '../../../../config/env';
import { ROLES, type Role } from '../auth/roles';

export interface SessionPerson {
  sub: string;
  name?: string;
  email?: string;
  locale?: string;
  roles: Role[];
}

function at(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  return path
    .split('.')
    .reduce<unknown>(
      (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      claims,
    );
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function personFromClaims(
  claims: Record<string, unknown>,
  rolesClaim: string,
  oidc: Pick<OidcConfig, 'groupsClaim' | 'groupRoles'>,
): SessionPerson {
  const wanted = new Set<string>(strings(at(claims, rolesClaim)));
  for (const group of strings(at(claims, oidc.groupsClaim))) {
    const role = oidc.groupRoles[group];
    if (role) wanted.add(role);
  }
  return {
    sub: String(claims.sub),
    name: text(claims.name),
    email: text(claims.email),
    locale: text(claims.locale),
    roles: ROLES.filter((r) => wanted.has(r)),
  };
}
