/**
 * webhook: a signed HTTP POST per action to a system that provisions itself. The body is JSON
 * {action, system, scope, runId, stepId, hire, externalRef}; `X-DF-Timestamp` (unix seconds) and
 * `X-DF-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>` let the receiver check origin
 * and freshness; `Idempotency-Key` is stable across retries. 2xx: done; 4xx (except 408/429): refused
 * for good; anything else is retried here (`attempts`), then left to the activity's retry policy.
 */
import { createHmac } from 'node:crypto';
import type { WebhookSettings } from '../../config/provisioning';
import {
  provisioningRejected,
  provisioningUnavailable,
  type Connector,
  type ConnectorRequest,
} from '../provisioning.activities';
import { classified } from './support';

export const SIGNATURE_HEADER = 'X-DF-Signature';
export const TIMESTAMP_HEADER = 'X-DF-Timestamp';

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

type Action = 'grant' | 'revoke' | 'verify';

export function createWebhookConnector(s: WebhookSettings): Connector {
  async function call(action: Action, req: ConnectorRequest): Promise<Record<string, unknown>> {
    const body = JSON.stringify({
      action,
      system: req.system,
      scope: req.scope ?? null,
      runId: req.runId,
      stepId: req.stepId,
      externalRef: req.externalRef ?? null,
      hire: {
        id: req.hire.hireId,
        username: req.hire.username,
        email: req.hire.email,
        fullName: req.hire.fullName,
      },
    });
    let last: unknown;
    for (let attempt = 1; attempt <= s.attempts; attempt++) {
      if (attempt > 1) await delay(Math.min(200 * 2 ** (attempt - 2), 2_000));
      try {
        return await send(action, req, body);
      } catch (err) {
        if (isRejection(err)) throw err;
        last = err;
      }
    }
    throw classified(last, `webhook ${action} ${req.system}`);
  }

  async function send(action: Action, req: ConnectorRequest, body: string) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(s.url, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(s.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `${req.runId}:${req.stepId}:${action}`,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(s.secret, timestamp, body),
      },
    });
    const text = await res.text();
    if (res.ok) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const what = `webhook ${action} ${req.system}: HTTP ${res.status}`;
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
      throw provisioningRejected(`${what} ${text.slice(0, 200)}`);
    throw provisioningUnavailable(what);
  }

  return {
    async grant(req) {
      const answer = await call('grant', req);
      const ref = typeof answer.externalRef === 'string' ? answer.externalRef : undefined;
      return {
        mode: 'AUTOMATIC',
        externalRef: ref ?? `webhook:${req.system}:${req.hire.username}`,
      };
    },
    async revoke(req) {
      await call('revoke', req);
    },
    async verify(req) {
      const answer = await call('verify', req);
      return { present: answer.present === true, details: answer };
    },
  };
}

function isRejection(err: unknown): boolean {
  return err instanceof Error && 'nonRetryable' in err && err.nonRetryable === true;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
