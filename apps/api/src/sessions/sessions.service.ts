/**
 * Browser sessions (backend-for-frontend, docs/auth.md): the sign-in dance with the provider, the
 * server-side session it creates, and the rules that end one (logout, idle and absolute lifetimes,
 * a refresh the provider refuses). A session resolves to the same Principal as a bearer token.
 * Audit events name the subject, never a token.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../../config/env';
import type { AuthSession } from '../../../../prisma/client';
import { APP_CONFIG } from '../infra/tokens';
import { ProblemException } from '../http/problem';
import type { Principal, Role } from '../auth/roles';
import { personFromClaims } from './claims';
import { OidcClient, type TokenResponse } from './oidc-client';
import { randomToken, sha256, TokenSealer } from './session-crypto';
import { SessionsRepository } from './sessions.repository';

const LOGIN_TTL_MS = 10 * 60_000;
/** lastSeenAt is written at most this often (idle expiry is in minutes, not seconds). */
const TOUCH_EVERY_MS = 30_000;
/** How long an instance may take to refresh before another one may try. */
const REFRESH_LEASE_MS = 30_000;
export const DEFAULT_RETURN_TO = '/console/';

export interface ActiveSession {
  id: string;
  csrfToken: string;
  principal: Principal;
}

interface TokenSet {
  accessToken?: string;
  refreshToken?: string;
  idToken?: string;
}

/** A path on this origin: `/x`, never `//host` or `/\host` (open redirects). */
export function safeReturnTo(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return DEFAULT_RETURN_TO;
  if (value.length > 2048 || !value.startsWith('/') || /^\/[/\\]/.test(value)) return undefined;
  if ([...value].some((c) => c < ' ' || c === '\\')) return undefined; // control chars, `\`
  return value;
}

@Injectable()
export class SessionsService {
  readonly oidc?: OidcClient;
  private readonly sealer: TokenSealer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: SessionsRepository,
  ) {
    this.oidc = config.auth.oidc ? new OidcClient(config.auth.oidc) : undefined;
    this.sealer = new TokenSealer(config.auth.session.secret);
  }

  get enabled(): boolean {
    return this.oidc !== undefined;
  }

  private client(): OidcClient {
    if (!this.oidc) throw ProblemException.notFound('Browser sign-in (AUTH_OIDC_ISSUER)');
    return this.oidc;
  }

  /** Starts a sign-in: the provider's URL, and the id the browser keeps in a short cookie. */
  async startLogin(returnTo: string): Promise<{ redirectUrl: string; loginId: string }> {
    const oidc = this.client();
    const request = await oidc.newRequest();
    let redirectUrl: URL;
    try {
      redirectUrl = await oidc.authorizationUrl(request);
    } catch {
      throw ProblemException.unavailable('identity provider');
    }
    const loginId = randomToken();
    await this.repository.dropExpiredLogins(new Date());
    await this.repository.createLogin({
      idHash: sha256(loginId),
      ...request,
      returnTo,
      expiresAt: new Date(Date.now() + LOGIN_TTL_MS),
    });
    return { redirectUrl: redirectUrl.toString(), loginId };
  }

  /** Checks the provider's answer and opens a session; any failure is audited and answers 400. */
  async finishLogin(
    loginId: string | undefined,
    callbackUrl: URL,
  ): Promise<{ sessionId: string; returnTo: string }> {
    const oidc = this.client();
    const login = loginId ? await this.repository.takeLogin(sha256(loginId)) : null;
    const fail = async (reason: string, detail: string, sub?: string): Promise<never> => {
      await this.repository.audit({
        actor: sub ?? 'anonymous',
        action: 'auth.sign-in-failed',
        entityType: 'auth_login',
        entityId: login?.id ?? '-',
        after: { reason },
      });
      throw ProblemException.signInFailed(detail);
    };
    if (!login) {
      return fail('unknown-login', 'No sign-in is under way in this browser (or it was used)');
    }
    if (login.expiresAt.getTime() < Date.now()) {
      return fail('login-expired', 'The sign-in took too long; start again');
    }
    if (callbackUrl.searchParams.get('state') !== login.state) {
      return fail('state-mismatch', 'The answer does not belong to this sign-in (state)');
    }
    const refusal = callbackUrl.searchParams.get('error');
    if (refusal) {
      const why = (callbackUrl.searchParams.get('error_description') ?? '').slice(0, 200);
      return fail(
        'provider-error',
        `The identity provider answered ${refusal.slice(0, 64)}: ${why}`,
      );
    }
    let tokens: TokenResponse;
    try {
      tokens = await oidc.exchange(callbackUrl, login);
    } catch (err) {
      return fail('rejected', `The identity provider's answer was refused: ${describe(err)}`);
    }
    const claims = tokens.claims();
    if (!claims) return fail('no-id-token', 'The identity provider sent no ID token');
    const person = personFromClaims(claims, this.config.auth.rolesClaim, oidc.config);
    const sessionId = randomToken();
    const now = Date.now();
    await this.repository.createSession(
      {
        idHash: sha256(sessionId),
        sub: person.sub,
        name: person.name ?? null,
        email: person.email ?? null,
        locale: person.locale ?? null,
        roles: person.roles,
        csrfToken: randomToken(),
        tokens: this.seal(tokens),
        accessExpiresAt: expiryOf(tokens),
        createdAt: new Date(now),
        lastSeenAt: new Date(now),
        expiresAt: new Date(now + this.config.auth.session.absoluteHours * 3_600_000),
      },
      {
        actor: person.sub,
        action: 'auth.signed-in',
        entityType: 'auth_session',
        entityId: '-',
        after: { roles: person.roles.join(',') },
      },
    );
    return { sessionId, returnTo: login.returnTo };
  }

  /** The session of a cookie, or 401 (unknown, ended, expired: expiry is recorded once). */
  async resolve(cookieValue: string): Promise<ActiveSession> {
    const row = await this.repository.findSession(sha256(cookieValue));
    if (!row || row.endedAt) throw ProblemException.unauthenticated('The session has ended');
    const now = Date.now();
    const idleMs = this.config.auth.session.idleMinutes * 60_000;
    if (row.expiresAt.getTime() <= now) await this.expire(row, 'absolute-expiry');
    if (row.lastSeenAt.getTime() + idleMs <= now) await this.expire(row, 'idle-expiry');
    let current = row;
    if (row.accessExpiresAt && row.accessExpiresAt.getTime() <= now) {
      current = await this.refresh(row);
    }
    if (now - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.repository.touch(row.id, new Date(now));
    }
    return { id: current.id, csrfToken: current.csrfToken, principal: principalOf(current) };
  }

  /** Ends the session a browser held before signing in again (no orphan left live). */
  async replace(cookieValue: string): Promise<void> {
    const row = await this.repository.findSession(sha256(cookieValue));
    if (!row || row.endedAt) return;
    await this.repository.endSession(row.id, 'replaced', {
      actor: row.sub,
      action: 'auth.signed-out',
      entityType: 'auth_session',
      entityId: row.id,
      after: { reason: 'replaced' },
    });
  }

  /** Ends the session; answers where the browser goes to sign out of the provider too. */
  async logout(session: ActiveSession): Promise<string | null> {
    const row = await this.repository.findSessionById(session.id);
    await this.repository.endSession(session.id, 'logout', {
      actor: session.principal.sub,
      action: 'auth.signed-out',
      entityType: 'auth_session',
      entityId: session.id,
    });
    const idToken = row ? this.open(row.tokens).idToken : undefined;
    try {
      return await this.client().endSessionUrl(idToken);
    } catch {
      return null; // the provider is unreachable: the session here has ended all the same
    }
  }

  private async expire(row: AuthSession, reason: string): Promise<never> {
    await this.repository.endSession(row.id, reason, {
      actor: row.sub,
      action: 'auth.session-expired',
      entityType: 'auth_session',
      entityId: row.id,
      after: { reason },
    });
    throw ProblemException.unauthenticated('The session has expired; sign in again');
  }

  /** A fresh token set (and the roles it carries) once the access token has expired. */
  private async refresh(row: AuthSession): Promise<AuthSession> {
    const { refreshToken, idToken } = this.open(row.tokens);
    if (!refreshToken) return row; // the session lives on its own lifetimes
    const lease = new Date(Date.now() + REFRESH_LEASE_MS);
    if (!(await this.repository.claimRefresh(row.id, row.accessExpiresAt!, lease))) return row;
    let tokens: TokenResponse | 'refused';
    try {
      tokens = await this.client().refresh(refreshToken);
    } catch {
      return row; // provider unreachable: keep the session; the lease lets a later request retry
    }
    if (tokens === 'refused') return this.expire(row, 'refresh-refused');
    const claims = tokens.claims();
    const person = claims
      ? personFromClaims(claims, this.config.auth.rolesClaim, this.client().config)
      : undefined;
    const updated = {
      tokens: this.seal(tokens, { refreshToken, idToken }),
      accessExpiresAt: expiryOf(tokens),
      roles: person?.roles ?? row.roles,
      name: person?.name ?? row.name,
      email: person?.email ?? row.email,
      locale: person?.locale ?? row.locale,
    };
    await this.repository.storeTokens(row.id, updated);
    return { ...row, ...updated };
  }

  private seal(tokens: TokenResponse, previous: TokenSet = {}): string {
    const set: TokenSet = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? previous.refreshToken,
      idToken: tokens.id_token ?? previous.idToken,
    };
    return this.sealer.seal(JSON.stringify(set));
  }

  private open(sealed: string): TokenSet {
    try {
      return JSON.parse(this.sealer.open(sealed)) as TokenSet;
    } catch {
      return {}; // sealed under another AUTH_SESSION_SECRET: no tokens to use
    }
  }
}

function principalOf(row: AuthSession): Principal {
  return {
    sub: row.sub,
    roles: row.roles as Role[],
    email: row.email ?? undefined,
    name: row.name ?? undefined,
    locale: row.locale ?? undefined,
  };
}

function expiryOf(tokens: TokenResponse): Date | null {
  const seconds = tokens.expiresIn();
  return seconds === undefined ? null : new Date(Date.now() + seconds * 1000);
}

/** openid-client's message (and its cause's), without anything that could be a token. */
function describe(err: unknown): string {
  const parts: string[] = [];
  for (let e = err, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    parts.push(e.message);
  }
  const message = parts.join(': ') || 'unknown error';
  return message.replace(/[A-Za-z0-9_-]{20,}(\.[A-Za-z0-9_-]+)*/g, '…').slice(0, 300);
}
