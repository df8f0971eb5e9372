/**
 * Mints a signed one-click link for one task and one recipient (docs/emails.md, "Action links").
 * Keyed by the email that carries it: a retry before that email was sent rotates the same row, so
 * the earlier, never-delivered token stops working.
 */
import type { ActionLinksConfig } from '../config/env';
import type { PrismaClient } from '../prisma/client';
import {
  formatRecipient,
  hashActionToken,
  signActionToken,
  type ActionRecipient,
} from '../domain/action-tokens';

export interface ActionLinkRequest {
  runId: string;
  taskKey: string;
  /** Idempotency key of the email (or email line) carrying the link. */
  emailKey: string;
  recipient: ActionRecipient;
}

export function createActionLinkMinter(
  prisma: PrismaClient,
  publicBaseUrl: string,
  { secret, ttlHours }: ActionLinksConfig,
) {
  return async function mintActionLink({
    runId,
    taskKey,
    emailKey,
    recipient,
  }: ActionLinkRequest): Promise<string> {
    const token = signActionToken(secret);
    const row = {
      tokenHash: hashActionToken(token),
      runId,
      taskKey,
      recipient: formatRecipient(recipient),
      expiresAt: new Date(Date.now() + ttlHours * 3_600_000),
      usedAt: null,
    };
    await prisma.actionToken.upsert({
      where: { emailKey },
      create: { emailKey, ...row },
      update: row,
    });
    return `${publicBaseUrl}/actions/${token}`;
  };
}
