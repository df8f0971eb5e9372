/**
 * Each attack on browser sign-in answers a clear error and changes nothing: tampered or replayed
 * callbacks, a wrong nonce, forged and expired ID tokens (through a man in the middle in front of
 * the real provider), a code used twice, unknown and revoked cookies, cross-site changes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
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
  s = await startSignInStack({ proxy: true });
});
afterAll(() => s?.stop());
afterEach(() => {
  s.tokenProxy!.tamper = undefined;
});

const sessions = () => s.stack.prisma.authSession.count();
const failures = (reason: string) =>
  s.stack.prisma.auditEvent.count({
    where: { action: 'auth.sign-in-failed', after: { path: ['reason'], equals: reason } },
  });

/** The callback must fail with a sign-in-failed problem and open no session. */
async function expectRefused(browser: Browser, callbackUrl: string, reason: string) {
  const [before, failedBefore] = [await sessions(), await failures(reason)];
  const hop = await browser.request(callbackUrl);
  expect(hop.status).toBe(400);
  expect(hop.headers.get('content-type')).toContain('application/problem+json');
  expect(JSON.parse(hop.body)).toMatchObject({
    type: 'urn:df-onboarding:problem:sign-in-failed',
    status: 400,
  });
  expect(hop.headers.getSetCookie().some((c) => /^dfo_session=[^;]/.test(c))).toBe(false);
  expect(await sessions()).toBe(before);
  expect(await failures(reason)).toBe(failedBefore + 1);
  expect((await me(browser, s.baseUrl)).status).toBe(401);
  return (JSON.parse(hop.body) as { detail: string }).detail;
}

describe('callback attacks', () => {
  it('refuses a wrong state', async () => {
    const browser = new Browser();
    const { callbackUrl } = await signInUntilCallback(browser, s.baseUrl, 'hr-demo');
    const url = new URL(callbackUrl);
    url.searchParams.set('state', 'forged-state-value');
    await expectRefused(browser, url.toString(), 'state-mismatch');
  });

  it('refuses a replayed callback, even with the old sign-in cookie put back', async () => {
    const browser = new Browser();
    const { callbackUrl } = await signInUntilCallback(browser, s.baseUrl, 'hr-demo');
    const loginCookie = browser.cookie(s.baseUrl, 'dfo_login')!;
    expect((await browser.request(callbackUrl)).status).toBe(302);
    const attacker = new Browser();
    attacker.setCookie(s.baseUrl, 'dfo_login', loginCookie);
    await expectRefused(attacker, callbackUrl, 'unknown-login');
  });

  it('refuses a callback with no sign-in under way in this browser (login CSRF)', async () => {
    const victim = new Browser();
    const { callbackUrl } = await signInUntilCallback(new Browser(), s.baseUrl, 'hr-demo');
    await expectRefused(victim, callbackUrl, 'unknown-login');
  });

  it('refuses an ID token whose nonce is not the sign-in’s', async () => {
    const browser = new Browser();
    const { callbackUrl } = await signInUntilCallback(browser, s.baseUrl, 'hr-demo');
    await s.stack.prisma.authLogin.updateMany({ data: { nonce: 'another-sign-ins-nonce' } });
    expect(await expectRefused(browser, callbackUrl, 'rejected')).toMatch(/nonce/i);
  });

  it('refuses a code used twice', async () => {
    const browser = new Browser();
    const first = await signInUntilCallback(browser, s.baseUrl, 'hr-demo');
    expect((await browser.request(first.callbackUrl)).status).toBe(302);
    // A new sign-in in the same browser (valid state and cookie), answered with the old code.
    const second = await signInUntilCallback(browser, s.baseUrl, 'hr-demo');
    const url = new URL(first.callbackUrl);
    url.searchParams.set('state', new URL(second.callbackUrl).searchParams.get('state')!);
    browser.dropCookie(s.baseUrl, 'dfo_session');
    await expectRefused(browser, url.toString(), 'rejected');
  });

  it('refuses an ID token signed by another key (forged)', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = providerKey().kid!; // the provider's key id, not its key
    s.tokenProxy!.tamper = async (body) => ({
      ...body,
      id_token: await resign(body.id_token as string, privateKey, kid, {}),
    });
    const browser = new Browser();
    const { callbackUrl } = await signInUntilCallback(browser, s.baseUrl, 'hr-demo');
    expect(await expectRefused(browser, callbackUrl, 'rejected')).toMatch(
      /signature verification failed/,
    );
  });

  it("refuses an expired ID token, even signed with the provider's own key", async () => {
    const jwk = providerKey();
    const key = await importJWK(jwk, 'RS256');
    const past = Math.floor(Date.now() / 1000) - 3600;
    s.tokenProxy!.tamper = async (body) => ({
      ...body,
      id_token: await resign(body.id_token as string, key, jwk.kid!, {
        iat: past - 60,
        exp: past,
      }),
    });
    const browser = new Browser();
    const { callbackUrl } = await signInUntilCallback(browser, s.baseUrl, 'hr-demo');
    expect(await expectRefused(browser, callbackUrl, 'rejected')).toMatch(/expiration is past/);
  });

  it('checks the man in the middle itself: untouched, the same dance signs in', async () => {
    const browser = new Browser();
    expect((await signInAs(browser, s.baseUrl, 'hr-demo')).status).toBe(302);
    expect((await me(browser, s.baseUrl)).body.sub).toBe('hr-demo');
  });
});

describe('cookie attacks', () => {
  it('answers 401 problem+json to an unknown session cookie', async () => {
    const browser = new Browser();
    browser.setCookie(s.baseUrl, 'dfo_session', 'Q2hhcmxpZS1yYW5kb20tZ3Vlc3MtdGhhdC1pcy1sb25n');
    const hop = await browser.request(`${s.baseUrl}/v1/onboardings`);
    expect(hop.status).toBe(401);
    expect(hop.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 401 to a session revoked on the server', async () => {
    const browser = new Browser();
    await signInAs(browser, s.baseUrl, 'tl-yao');
    expect((await me(browser, s.baseUrl)).status).toBe(200);
    await s.stack.prisma.authSession.updateMany({
      where: { sub: 'tl-yao', endedAt: null },
      data: { endedAt: new Date(), endReason: 'revoked-by-test' },
    });
    expect((await me(browser, s.baseUrl)).status).toBe(401);
  });

  it('refuses a cross-site change made with a valid cookie, and creates nothing', async () => {
    const browser = new Browser();
    await signInAs(browser, s.baseUrl, 'hr-demo');
    const { csrfToken } = (await me(browser, s.baseUrl)).body as { csrfToken: string };
    const runs = () => s.stack.prisma.onboardingRun.count();
    const before = await runs();
    const post = (headers: Record<string, string>) =>
      browser.request(`${s.baseUrl}/v1/onboardings`, { json: HIRE, headers });
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example' }, // a form posted from another site
      { origin: s.baseUrl }, // same origin but no token
      { origin: 'https://evil.example', 'x-csrf-token': csrfToken },
      { 'x-csrf-token': csrfToken, 'sec-fetch-site': 'cross-site' },
      { origin: s.baseUrl, 'x-csrf-token': 'not-the-token' },
    ];
    for (const headers of attempts) {
      const hop = await post(headers);
      expect(hop.status).toBe(403);
      expect(JSON.parse(hop.body)).toMatchObject({ type: 'urn:df-onboarding:problem:csrf' });
    }
    expect(await runs()).toBe(before);
    // The same request from this site with the session's token goes through.
    expect((await post({ origin: s.baseUrl, 'x-csrf-token': csrfToken })).status).toBe(201);
    expect(await runs()).toBe(before + 1);
  });
});

const HIRE = {
  fullName: 'Kodjo Mensah',
  email: 'kodjo.mensah@example.tg',
  startDate: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
  locale: 'fr',
  techLead: { sub: 'tl-akossiwa', email: 'akossiwa.lawson@example.tg', name: 'Akossiwa Lawson' },
};

function providerKey(): JWK {
  const keys = JSON.parse(readFileSync(path.join(s.providerDataDir, 'keys.json'), 'utf8')) as {
    jwks: { keys: JWK[] };
  };
  return keys.jwks.keys.find((k) => k.alg === 'RS256')!;
}

/** The same claims (plus `changes`) signed with `key`. */
async function resign(
  idToken: string,
  key: Parameters<SignJWT['sign']>[0],
  kid: string,
  changes: Record<string, unknown>,
): Promise<string> {
  const claims = { ...decodeJwt(idToken), ...changes };
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
}
