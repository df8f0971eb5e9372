/**
 * The session store: idle and absolute lifetimes (timestamps moved in the database, no waiting),
 * token refresh with the provider's refresh token, two API instances sharing one session, and a
 * cookie session seeing exactly what a bearer token for the same person sees.
 */
import { TokenSealer } from '../../apps/api/src/sessions/session-crypto';
import type { Role } from '../../apps/api/src/auth/roles';
import { Browser } from '../support/browser';
import { me, signInAs, startSignInStack, type SignInStack } from '../support/sign-in';

jest.setTimeout(90_000);

let s: SignInStack;

beforeAll(async () => {
  s = await startSignInStack({
    env: { AUTH_SESSION_IDLE_MINUTES: '5', AUTH_SESSION_ABSOLUTE_HOURS: '1' },
  });
});
afterAll(() => s?.stop());

const minutes = (n: number) => new Date(Date.now() - n * 60_000);

async function signedIn(sub: string): Promise<{ browser: Browser; id: string }> {
  const browser = new Browser();
  expect((await signInAs(browser, s.baseUrl, sub)).status).toBe(302);
  const row = await s.stack.prisma.authSession.findFirstOrThrow({
    where: { sub, endedAt: null },
    orderBy: { createdAt: 'desc' },
  });
  return { browser, id: row.id };
}

const ended = (id: string) => s.stack.prisma.authSession.findUniqueOrThrow({ where: { id } });
const expiries = (sub: string) =>
  s.stack.prisma.auditEvent.findMany({ where: { actor: sub, action: 'auth.session-expired' } });

describe('lifetimes', () => {
  it('ends a session idle for longer than AUTH_SESSION_IDLE_MINUTES', async () => {
    const { browser, id } = await signedIn('tl-yao');
    await s.stack.prisma.authSession.update({ where: { id }, data: { lastSeenAt: minutes(4) } });
    expect((await me(browser, s.baseUrl)).status).toBe(200); // 4 min idle: still alive
    await s.stack.prisma.authSession.update({ where: { id }, data: { lastSeenAt: minutes(6) } });
    expect((await me(browser, s.baseUrl)).status).toBe(401);
    expect(await ended(id)).toMatchObject({ endReason: 'idle-expiry' });
    expect((await expiries('tl-yao')).map((e) => e.after)).toEqual([{ reason: 'idle-expiry' }]);
  });

  it('keeps a session in use alive: each request moves lastSeenAt', async () => {
    const { browser, id } = await signedIn('it-demo');
    await s.stack.prisma.authSession.update({ where: { id }, data: { lastSeenAt: minutes(4) } });
    expect((await me(browser, s.baseUrl)).status).toBe(200);
    const row = await ended(id);
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it('ends a session past AUTH_SESSION_ABSOLUTE_HOURS, however active', async () => {
    const { browser, id } = await signedIn('head-df');
    const row = await ended(id);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(3_600_000);
    await s.stack.prisma.authSession.update({ where: { id }, data: { expiresAt: minutes(1) } });
    expect((await me(browser, s.baseUrl)).status).toBe(401);
    expect(await ended(id)).toMatchObject({ endReason: 'absolute-expiry' });
  });
});

describe('signing in again', () => {
  it('ends the session the browser held before', async () => {
    const { browser, id } = await signedIn('it-demo');
    expect((await signInAs(browser, s.baseUrl, 'it-demo')).status).toBe(302);
    expect(await ended(id)).toMatchObject({ endReason: 'replaced' });
    expect((await me(browser, s.baseUrl)).body).toMatchObject({ sub: 'it-demo' });
  });
});

describe('token refresh', () => {
  it('refreshes the token set with the refresh token once the access token expired', async () => {
    const { browser, id } = await signedIn('hr-demo');
    const before = await ended(id);
    expect(before.accessExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    await s.stack.prisma.authSession.update({
      where: { id },
      data: { accessExpiresAt: minutes(1) },
    });
    expect((await me(browser, s.baseUrl)).body).toMatchObject({ sub: 'hr-demo', roles: ['HR'] });
    const after = await ended(id);
    expect(after.endedAt).toBeNull();
    expect(after.accessExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(after.tokens).not.toBe(before.tokens);
  });

  it('ends the session when the provider refuses the refresh token', async () => {
    const { browser, id } = await signedIn('tl-akossiwa');
    const sealer = new TokenSealer(s.stack.config.auth.session.secret);
    await s.stack.prisma.authSession.update({
      where: { id },
      data: {
        tokens: sealer.seal(JSON.stringify({ refreshToken: 'revoked-or-unknown' })),
        accessExpiresAt: minutes(1),
      },
    });
    expect((await me(browser, s.baseUrl)).status).toBe(401);
    expect(await ended(id)).toMatchObject({ endReason: 'refresh-refused' });
  });
});

describe('several API instances', () => {
  it('share one session: signed in on one, known on the other, signed out everywhere', async () => {
    const { browser } = await signedIn('hr-demo');
    const cookie = browser.cookie(s.baseUrl, 'dfo_session')!;
    const other = await s.startSecondApi();
    const onOther = await me(browser, other.baseUrl);
    expect(onOther.body).toMatchObject({ sub: 'hr-demo', roles: ['HR'] });
    const out = await browser.request(`${other.baseUrl}/auth/logout`, {
      method: 'POST',
      headers: { origin: s.baseUrl, 'x-csrf-token': onOther.body.csrfToken as string },
    });
    expect(out.status).toBe(200);
    // The cookie, kept by an attacker and replayed on the first instance, is refused there too.
    const replay = new Browser();
    replay.setCookie(s.baseUrl, 'dfo_session', cookie);
    expect((await me(replay, s.baseUrl)).status).toBe(401);
  });
});

/** A list response without the fields that a run's progress changes from one read to the next. */
function authorised(body: string): unknown {
  const { items, nextCursor } = JSON.parse(body) as {
    items: Record<string, unknown>[];
    nextCursor: unknown;
  };
  const moving = new Set(['status', 'phase', 'progress', 'updatedAt', 'currentStep']);
  return {
    nextCursor,
    items: items.map((item) =>
      Object.fromEntries(
        Object.entries(item).map(([key, value]) => [key, moving.has(key) ? typeof value : value]),
      ),
    ),
  };
}

describe('one authorisation model', () => {
  const START = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
  const hire = (fullName: string, email: string, techLead: string) => ({
    fullName,
    email,
    startDate: START,
    locale: 'fr',
    techLead: { sub: techLead, email: `${techLead}@example.tg`, name: techLead },
  });

  beforeAll(async () => {
    const hr = await s.stack.token('HR', 'hr-demo');
    for (const body of [
      hire('Kodjo Mensah', 'kodjo.mensah@example.tg', 'tl-akossiwa'),
      hire('Ama Tchalla', 'ama.tchalla@example.tg', 'tl-yao'),
      hire('Edem Kossi', 'edem.kossi@example.tg', 'tl-akossiwa'),
    ]) {
      const hop = await new Browser().request(`${s.baseUrl}/v1/onboardings`, {
        json: body,
        headers: { authorization: `Bearer ${hr}` },
      });
      expect(hop.status).toBe(201);
    }
  });

  const people: [string, Role, string, number][] = [
    ['hr-demo', 'HR', 'afi.dossou@example.tg', 3],
    ['tl-akossiwa', 'TECH_LEAD', 'akossiwa.lawson@example.tg', 2],
    ['tl-yao', 'TECH_LEAD', 'yao.agbeko@example.tg', 1],
    ['hire-kodjo', 'HIRE', 'kodjo.mensah@example.tg', 1],
  ];

  it.each(people)(
    '%s sees the same /v1/onboardings with a cookie session as with a bearer token',
    async (sub, role, email, visible) => {
      const { browser } = await signedIn(sub);
      const token = await s.stack.token(role, sub, { email });
      const viaCookie = await browser.request(`${s.baseUrl}/v1/onboardings`);
      const viaBearer = await new Browser().request(`${s.baseUrl}/v1/onboardings`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(viaCookie.status).toBe(200);
      expect(viaBearer.status).toBe(200);
      const items = (JSON.parse(viaCookie.body) as { items: unknown[] }).items;
      expect(items).toHaveLength(visible);
      // The runs move on in the background between the two reads (PENDING then RUNNING, a
      // fresher updatedAt): what the authorisation model decides is which runs and which
      // fields each person sees, so that is what must be equal.
      expect(authorised(viaCookie.body)).toEqual(authorised(viaBearer.body));
    },
  );
});
