/** Database access of browser sign-in: sign-ins under way, sessions, and their audit events. */
import { Inject, Injectable } from '@nestjs/common';
import type { AuthLogin, AuthSession, PrismaClient } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';
import { recordAudit } from '../../../../prisma/audit';

export type NewSession = Omit<AuthSession, 'id' | 'endedAt' | 'endReason'>;

export interface AuthAudit {
  actor: string;
  action: string;
  entityType: 'auth_session' | 'auth_login';
  entityId: string;
  after?: Record<string, string>;
}

@Injectable()
export class SessionsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  createLogin(login: Omit<AuthLogin, 'id' | 'createdAt'>): Promise<AuthLogin> {
    return this.prisma.authLogin.create({ data: login });
  }

  /** Sign-ins abandoned at the provider's page: nothing will ever use them. */
  async dropExpiredLogins(now: Date): Promise<void> {
    await this.prisma.authLogin.deleteMany({ where: { expiresAt: { lt: now } } });
  }

  /** Deletes and returns the sign-in: of two concurrent callbacks, one gets it. */
  async takeLogin(idHash: string): Promise<AuthLogin | null> {
    const login = await this.prisma.authLogin.findUnique({ where: { idHash } });
    if (!login) return null;
    const { count } = await this.prisma.authLogin.deleteMany({ where: { id: login.id } });
    return count === 1 ? login : null;
  }

  async createSession(session: NewSession, audit: AuthAudit): Promise<AuthSession> {
    return this.prisma.$transaction(async (tx) => {
      const created = await tx.authSession.create({ data: session });
      await recordAudit(tx, { ...audit, entityId: created.id });
      return created;
    });
  }

  findSession(idHash: string): Promise<AuthSession | null> {
    return this.prisma.authSession.findUnique({ where: { idHash } });
  }

  findSessionById(id: string): Promise<AuthSession | null> {
    return this.prisma.authSession.findUnique({ where: { id } });
  }

  /** Ends a live session once (logout, expiry): the first caller records it and its audit event. */
  async endSession(id: string, reason: string, audit: AuthAudit): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.authSession.updateMany({
        where: { id, endedAt: null },
        data: { endedAt: new Date(), endReason: reason },
      });
      if (count === 1) await recordAudit(tx, audit);
      return count === 1;
    });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.prisma.authSession.updateMany({
      where: { id, endedAt: null },
      data: { lastSeenAt: at },
    });
  }

  /**
   * Claims the refresh of a session's tokens (instances share sessions): only the instance whose
   * update matches the expiry it read refreshes; the others keep using the session meanwhile.
   */
  async claimRefresh(id: string, seenExpiry: Date, leaseUntil: Date): Promise<boolean> {
    const { count } = await this.prisma.authSession.updateMany({
      where: { id, endedAt: null, accessExpiresAt: seenExpiry },
      data: { accessExpiresAt: leaseUntil },
    });
    return count === 1;
  }

  async storeTokens(
    id: string,
    data: Pick<AuthSession, 'tokens' | 'accessExpiresAt' | 'roles' | 'name' | 'email' | 'locale'>,
  ): Promise<void> {
    await this.prisma.authSession.updateMany({ where: { id, endedAt: null }, data });
  }

  async audit(event: AuthAudit): Promise<void> {
    await recordAudit(this.prisma, event);
  }
}
