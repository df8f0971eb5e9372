import { personFromClaims } from './claims';
import { cookieNames, readCookie, serializeCookie } from './cookies';
import { csrfRefusal } from './csrf';
import { TokenSealer } from './session-crypto';
import { DEFAULT_RETURN_TO, safeReturnTo } from './sessions.service';

const SITE = 'https://onboarding.digital.gouv.tg';
const noGroups = { groupsClaim: 'groups', groupRoles: {} };

describe('personFromClaims', () => {
  it('reads the roles claim, keeping only known roles', () => {
    const p = personFromClaims(
      { sub: 'u1', name: 'Afi', email: 'afi@x.tg', locale: 'fr', roles: ['HR', 'ROOT', 7] },
      'roles',
      noGroups,
    );
    expect(p).toEqual({ sub: 'u1', name: 'Afi', email: 'afi@x.tg', locale: 'fr', roles: ['HR'] });
  });

  it('follows a dotted path (Keycloak realm roles) and maps groups (Entra ID object ids)', () => {
    const p = personFromClaims(
      { sub: 'u2', realm_access: { roles: ['TECH_LEAD'] }, groups: ['g-it', 'g-other'] },
      'realm_access.roles',
      { groupsClaim: 'groups', groupRoles: { 'g-it': 'IT', 'g-x': 'HR' } },
    );
    expect(p.roles).toEqual(['TECH_LEAD', 'IT']);
  });

  it('gives no roles when the claim is missing or not a list', () => {
    expect(personFromClaims({ sub: 'u3', roles: 'HR' }, 'roles', noGroups).roles).toEqual([]);
    expect(personFromClaims({ sub: 'u3' }, 'roles', noGroups).roles).toEqual([]);
  });
});

describe('safeReturnTo', () => {
  it('keeps paths on this site and defaults to the console', () => {
    expect(safeReturnTo('/console/runs/1?tab=tasks#x')).toBe('/console/runs/1?tab=tasks#x');
    expect(safeReturnTo(undefined)).toBe(DEFAULT_RETURN_TO);
    expect(safeReturnTo('')).toBe(DEFAULT_RETURN_TO);
  });

  it.each(['//evil.tg', '/\\evil.tg', 'https://evil.tg', 'javascript:alert(1)', '/a\nb', '/a\\b'])(
    'refuses %j',
    (value) => expect(safeReturnTo(value)).toBeUndefined(),
  );
});

describe('csrfRefusal', () => {
  const token = 'the-session-csrf-token';
  it('lets a same-origin change with the token through', () => {
    expect(csrfRefusal({ origin: SITE, 'x-csrf-token': token }, token, SITE)).toBeUndefined();
    const sameSite = { 'sec-fetch-site': 'same-origin', 'x-csrf-token': token };
    expect(csrfRefusal(sameSite, token, SITE)).toBeUndefined();
  });

  it('refuses another origin, no origin information, or a wrong or missing token', () => {
    expect(csrfRefusal({ origin: 'https://evil.tg', 'x-csrf-token': token }, token, SITE)).toMatch(
      /Origin/,
    );
    expect(csrfRefusal({ 'x-csrf-token': token }, token, SITE)).toMatch(/Origin/);
    expect(csrfRefusal({ origin: SITE }, token, SITE)).toMatch(/X-CSRF-Token/);
    expect(csrfRefusal({ origin: SITE, 'x-csrf-token': 'x' }, token, SITE)).toMatch(/X-CSRF/);
  });
});

describe('cookies', () => {
  it('uses the __Host- prefix and Secure outside plain-http development', () => {
    expect(cookieNames(true).session).toBe('__Host-dfo_session');
    expect(cookieNames(false).session).toBe('dfo_session');
    expect(serializeCookie('__Host-dfo_session', 'v', { secure: true })).toBe(
      '__Host-dfo_session=v; Path=/; HttpOnly; SameSite=Lax; Secure',
    );
    expect(serializeCookie('dfo_session', '', { secure: false, maxAgeSeconds: 0 })).toBe(
      'dfo_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0',
    );
  });

  it('reads one cookie among several', () => {
    expect(readCookie('a=1; dfo_session=abc; b=2', 'dfo_session')).toBe('abc');
    expect(readCookie('xdfo_session=abc', 'dfo_session')).toBeUndefined();
    expect(readCookie(undefined, 'dfo_session')).toBeUndefined();
  });
});

describe('TokenSealer', () => {
  it('opens what it sealed, and nothing sealed under another secret', () => {
    const a = new TokenSealer('a'.repeat(32));
    const sealed = a.seal('{"refreshToken":"r"}');
    expect(sealed).not.toContain('refreshToken');
    expect(a.open(sealed)).toBe('{"refreshToken":"r"}');
    expect(() => new TokenSealer('b'.repeat(32)).open(sealed)).toThrow();
  });
});
