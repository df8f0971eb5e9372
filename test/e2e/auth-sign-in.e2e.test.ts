/**
 * Browser sign-in on the real embedded provider and the real API: the redirect dance, the session
 * cookie, who the session says the person is, and sign-out.
 */
import { createApp } from '../../apps/api/src/bootstrap';
import { DEMO_PEOPLE } from '../../scripts/dev/demo-people';
import { Browser } from '../support/browser';
import {
  me,
  signInAs,
  signInUntilCallback,
  startSignInStack,
  type SignInStack,
} from '../support/sign-in';

jest.setTimeout(60_000);

let s: SignInStack;

beforeAll(async () => {
  s = await startSignInStack();
});
afterAll(() => s?.stop());

describe('sign-in with the embedded provider', () => {
  it('signs the HR officer in and back to returnTo with an HttpOnly session cookie', async () => {
    const browser = new Browser();
    const callback = await signInAs(browser, s.baseUrl, 'hr-demo', '/console/runs?x=1');
    expect(callback.status).toBe(302);
    expect(callback.location).toBe(`${s.baseUrl}/console/runs?x=1`);
    const setCookie = callback.headers.getSetCookie().find((c) => c.startsWith('dfo_session='));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    const who = await me(browser, s.baseUrl);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({
      sub: 'hr-demo',
      roles: ['HR'],
      locale: 'fr',
      email: 'afi.dossou@example.tg',
      name: 'Afi Dossou',
    });
    expect(typeof who.body.csrfToken).toBe('string');
  });
});

describe('who is signed in', () => {
  it('answers /auth/me for a bearer token too, without a CSRF token', async () => {
    const token = await s.stack.token('IT', 'it-demo');
    const hop = await new Browser().request(`${s.baseUrl}/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(hop.status).toBe(200);
    const body = JSON.parse(hop.body) as Record<string, unknown>;
    expect(body).toMatchObject({ sub: 'it-demo', roles: ['IT'] });
    expect(body.csrfToken).toBeUndefined();
  });

  it('answers 401 problem+json to nobody', async () => {
    const hop = await new Browser().request(`${s.baseUrl}/auth/me`);
    expect(hop.status).toBe(401);
    expect(hop.headers.get('content-type')).toContain('application/problem+json');
  });

  it('signs in a person without roles, who sees nothing role-guarded', async () => {
    const browser = new Browser();
    await signInAs(browser, s.baseUrl, 'guest-demo');
    expect((await me(browser, s.baseUrl)).body).toMatchObject({ sub: 'guest-demo', roles: [] });
    for (const path of ['/v1/onboardings', '/v1/plans', '/v1/tasks/mine']) {
      const hop = await browser.request(`${s.baseUrl}${path}`);
      expect({ path, status: hop.status }).toEqual({ path, status: 403 });
    }
  });

  it('lists every demo person on the provider page as a labelled button, in French', async () => {
    const browser = new Browser();
    const { page } = await signInUntilCallback(browser, s.baseUrl, 'hr-demo');
    expect(page!.body).toContain('<html lang="fr">');
    for (const person of DEMO_PEOPLE) {
      expect(page!.body).toContain(`value="${person.sub}"`);
      expect(page!.body).toContain(`aria-label="Se connecter en tant que ${person.name}`);
    }
  });
});

describe('cancelling at the provider', () => {
  it('answers a sign-in-failed problem naming the provider’s refusal, and opens no session', async () => {
    const browser = new Browser();
    const login = `${s.baseUrl}/auth/login`;
    const toCallback = (u: string) => u.startsWith(`${s.baseUrl}/auth/callback`);
    const { last: page } = await browser.follow(login, toCallback);
    const abort = /action="([^"]+\/abort)"/.exec(page.body)![1];
    const { next } = await browser.follow(new URL(abort, page.url).toString(), toCallback, {
      form: {},
    });
    const hop = await browser.request(next!);
    expect(hop.status).toBe(400);
    expect(JSON.parse(hop.body)).toMatchObject({
      type: 'urn:df-onboarding:problem:sign-in-failed',
      detail: expect.stringContaining('access_denied') as unknown,
    });
    expect((await me(browser, s.baseUrl)).status).toBe(401);
  });
});

describe('returnTo', () => {
  it('defaults to /console/', async () => {
    const browser = new Browser();
    const { callbackUrl } = await signInUntilCallback(browser, s.baseUrl, 'hr-demo', '');
    expect((await browser.request(callbackUrl)).location).toBe(`${s.baseUrl}/console/`);
  });

  it.each(['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'console'])(
    'refuses %s (open redirect) with a validation problem',
    async (returnTo) => {
      const hop = await new Browser().request(
        `${s.baseUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`,
      );
      expect(hop.status).toBe(400);
      expect(JSON.parse(hop.body)).toMatchObject({ errors: [{ name: 'returnTo' }] });
    },
  );
});

describe('sign-out', () => {
  it('ends the session, clears the cookie and hands over the provider sign-out', async () => {
    const browser = new Browser();
    await signInAs(browser, s.baseUrl, 'head-df');
    const { csrfToken } = (await me(browser, s.baseUrl)).body as { csrfToken: string };
    const cookie = browser.cookie(s.baseUrl, 'dfo_session')!;

    const refused = await browser.request(`${s.baseUrl}/auth/logout`, { method: 'POST' });
    expect(refused.status).toBe(403); // no CSRF token: not even a sign-out is forced cross-site

    const out = await browser.request(`${s.baseUrl}/auth/logout`, {
      method: 'POST',
      headers: { origin: s.baseUrl, 'x-csrf-token': csrfToken },
    });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().some((c) => /^dfo_session=;.*Max-Age=0/.test(c))).toBe(true);
    const { logoutUrl } = JSON.parse(out.body) as { logoutUrl: string };
    const end = new URL(logoutUrl);
    expect(end.origin).toBe(new URL(s.provider.issuer).origin);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${s.baseUrl}/console/`);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();

    // The old cookie, replayed, is refused: the session ended on the server.
    const replay = new Browser();
    replay.setCookie(s.baseUrl, 'dfo_session', cookie);
    expect((await me(replay, s.baseUrl)).status).toBe(401);
    // The provider asks to confirm its own sign-out (RP-initiated logout).
    const confirm = await browser.request(logoutUrl);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('op.logoutForm');

    const audit = await s.stack.prisma.auditEvent.findMany({
      where: { actor: 'head-df', entityType: 'auth_session' },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(['auth.signed-in', 'auth.signed-out']);
  });

  it('keeps tokens out of the audit trail', async () => {
    const rows = await s.stack.prisma.auditEvent.findMany({
      where: { action: { startsWith: 'auth.' } },
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? 0 : v))).not.toMatch(
      /eyJ[A-Za-z0-9_-]{10,}/,
    );
  });
});

describe('an API without AUTH_OIDC_ISSUER (bearer only)', () => {
  it('answers /auth/login with 404, ignores session cookies and keeps bearer tokens working', async () => {
    const config = { ...s.stack.config, auth: { ...s.stack.config.auth, oidc: undefined } };
    const app = await createApp(config);
    try {
      const http = app.getHttpAdapter().getInstance();
      const login = await http.inject({ method: 'GET', url: '/auth/login' });
      expect(login.statusCode).toBe(404);
      expect(login.headers['content-type']).toContain('application/problem+json');
      const cookieOnly = await http.inject({
        method: 'GET',
        url: '/auth/me',
        headers: { cookie: 'dfo_session=anything' },
      });
      expect(cookieOnly.statusCode).toBe(401);
      const token = await s.stack.token('HR', 'hr-demo');
      const bearer = await http.inject({
        method: 'GET',
        url: '/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(bearer.json()).toMatchObject({ sub: 'hr-demo', roles: ['HR'] });
    } finally {
      await app.close();
    }
  });
});
