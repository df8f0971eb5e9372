/**
 * Browser sign-in on the real embedded provider and the real API: the redirect dance, the session
 * cookie, who the session says the person is, and sign-out.
 */
import { Browser } from '../support/browser';
import { me, signInAs, startSignInStack, type SignInStack } from '../support/sign-in';

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
