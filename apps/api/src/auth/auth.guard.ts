/** Global guard: every route needs a valid bearer token and one of its declared roles, unless @Public(). */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../problem/problem';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';
import { PUBLIC_KEY, ROLES_KEY, type Principal, type Role } from './roles';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
    if (!match) throw ProblemException.unauthenticated('A bearer token is required');
    try {
      request.principal = await this.verifier.verify(match[1]);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw ProblemException.unauthenticated(err.message);
      throw err;
    }
    // Routes without @Roles are a programming error: deny rather than allow by default.
    if (!allowed || !request.principal.roles.some((r) => allowed.includes(r))) {
      throw ProblemException.forbidden('Your role may not call this operation');
    }
    return true;
  }
}
