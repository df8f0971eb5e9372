/**
 * Global guard: every route needs a signed-in caller and one of its declared roles, unless
 * @Public(). A caller is either a machine or person with a bearer token (checked first), or a
 * person with a browser session cookie (sessions/). Both give the same Principal, so every rule
 * downstream (roles, run visibility, audit actor) applies unchanged. Cookie-authenticated changes
 * must also pass the CSRF check; @SignedIn() routes need no particular role.
 */
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../../../config/env';
import { APP_CONFIG } from '../infra/tokens';
import { ProblemException } from '../http/problem';
import { cookieNames, readCookie } from '../sessions/cookies';
import { csrfRefusal } from '../sessions/csrf';
import { SessionsService, type ActiveSession } from '../sessions/sessions.service';
import { isMutation } from '../security/rate-limit';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';
import { PUBLIC_KEY, ROLES_KEY, SIGNED_IN_KEY, type Principal, type Role } from './roles';

export type AuthenticatedRequest = FastifyRequest & {
  principal?: Principal;
  /** Set when the caller is a browser session (not a bearer token). */
  activeSession?: ActiveSession;
};

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly sessionCookie: string;
  private readonly siteOrigin: string;

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.sessionCookie = cookieNames(config.auth.session.secureCookie).session;
    this.siteOrigin = new URL(config.api.publicBaseUrl).origin;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    const anyRole = this.reflector.getAllAndOverride<boolean>(SIGNED_IN_KEY, targets);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = await this.authenticate(request);
    if (anyRole) return true;
    // Routes without @Roles are a programming error: deny rather than allow by default.
    if (!allowed || !request.principal.roles.some((r) => allowed.includes(r))) {
      throw ProblemException.forbidden('Your role may not call this operation');
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Principal> {
    const header = request.headers.authorization;
    const cookie = this.sessions.enabled
      ? readCookie(request.headers.cookie, this.sessionCookie)
      : undefined;
    if (header || !cookie) return this.bearer(header ?? '');
    const session = await this.sessions.resolve(cookie);
    if (isMutation(request.method)) {
      const refusal = csrfRefusal(request.headers, session.csrfToken, this.siteOrigin);
      if (refusal) throw ProblemException.csrf(refusal);
    }
    request.activeSession = session;
    return session.principal;
  }

  private async bearer(header: string): Promise<Principal> {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
    if (!match) throw ProblemException.unauthenticated('A bearer token is required');
    try {
      return await this.verifier.verify(match[1]);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw ProblemException.unauthenticated(err.message);
      throw err;
    }
  }
}
