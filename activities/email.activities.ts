/**
 * Sends email exactly once per idempotency key. The key is recorded in `email_log` before
 * sending; a retried activity finds it SENT and returns. The Message-ID is derived from the key,
 * so even a crash between SMTP acceptance and the log update yields the same Message-ID on resend.
 */
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../prisma/client';
import type { Mailer } from './mailer';
import { notFound } from './errors';
import type { Brand, RenderedEmail } from './templates/layout';
import { renderWelcomeEmail } from './templates/welcome.template';

export interface SendWelcomeEmailInput {
  runId: string;
  idempotencyKey: string;
}

export interface EmailDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  from: string;
  publicBaseUrl: string;
  /** Branding of every email; the template default when absent. */
  brand?: Brand;
}

export interface Delivery {
  idempotencyKey: string;
  /** The run the email is about; null for emails about several runs (the tech leads' digest). */
  runId: string | null;
  to: string;
  template: string;
  content: RenderedEmail;
}

export function messageIdFor(idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<${digest}@df-onboarding>`;
}

/** Delivers one email at most once per idempotency key; returns its Message-ID. */
export function createDeliver({ prisma, mailer, from }: EmailDeps) {
  return async function deliver({
    idempotencyKey,
    runId,
    to,
    template,
    content,
  }: Delivery): Promise<string> {
    const log = await prisma.emailLog.upsert({
      where: { idempotencyKey },
      create: { idempotencyKey, runId, recipient: to, template },
      update: {},
    });
    if (log.status === 'SENT' && log.messageId) return log.messageId;
    const messageId = messageIdFor(idempotencyKey);
    await prisma.emailLog.update({ where: { id: log.id }, data: { attempts: { increment: 1 } } });
    try {
      await mailer.sendMail({ from, to, messageId, ...content });
    } catch (err) {
      await prisma.emailLog.update({
        where: { id: log.id },
        data: { status: 'FAILED', error: (err as Error).message.slice(0, 500) },
      });
      throw err; // retryable: SMTP may come back
    }
    await prisma.emailLog.update({
      where: { id: log.id },
      data: { status: 'SENT', messageId, sentAt: new Date(), error: null },
    });
    return messageId;
  };
}

export function createEmailActivities(deps: EmailDeps) {
  const deliver = createDeliver(deps);
  return {
    async sendWelcomeEmail({ runId, idempotencyKey }: SendWelcomeEmailInput): Promise<string> {
      const run = await deps.prisma.onboardingRun.findUnique({
        where: { id: runId },
        include: { hire: true },
      });
      if (!run) throw notFound('Run', runId);
      const content = renderWelcomeEmail({
        fullName: run.hire.fullName,
        locale: run.hire.locale,
        startDate: run.startDate,
        runUrl: `${deps.publicBaseUrl}/v1/onboardings/${run.id}`,
        brand: deps.brand,
      });
      return deliver({ idempotencyKey, runId, to: run.hire.email, template: 'welcome', content });
    },
  };
}
