/**
 * Turns a submitted form into the `completeTask` payload of its task kind (docs/journey.md, "Task
 * payloads"), or into field errors. Document version and hash come from the plan snapshot, never
 * from the form: the hire confirms what the server showed.
 */
import type { TaskKind, TaskPayload } from '../../../../workflows/definitions';
import type { TextKey } from '../../../../domain/i18n/action-texts';

export type FormFields = Record<string, unknown>;

export interface AckDocument {
  id: string;
  title: string;
  version: string;
  url?: string;
  text?: string;
  contentHash: string;
}

export type ParsedForm =
  { ok: true; payload: TaskPayload } | { ok: false; errors: Record<string, TextKey> };

const MAX = 2000;

function field(fields: FormFields, name: string): string {
  const v = fields[name];
  const s: unknown = Array.isArray(v) ? (v as unknown[])[0] : v;
  return typeof s === 'string' ? s.trim() : '';
}

export function parseActionForm(kind: TaskKind, fields: FormFields, doc?: AckDocument): ParsedForm {
  const errors: Record<string, TextKey> = {};
  const text = (name: string, required: boolean): string | undefined => {
    const v = field(fields, name);
    if (v.length > MAX) errors[name] = 'tooLong';
    else if (!v && required) errors[name] = 'mustFill';
    return v || undefined;
  };
  const checked = (name: string) => {
    if (field(fields, name) !== 'yes') errors[name] = 'mustConfirm';
  };
  let payload: TaskPayload = {};
  switch (kind) {
    case 'ACK_DOCUMENT':
      checked('confirm');
      payload = { documentVersion: doc?.version, contentHash: doc?.contentHash };
      break;
    case 'ATTEND_TOUR':
      checked('attended');
      payload = { reflection: text('reflection', true) };
      break;
    case 'SELF_ASSESSMENT':
      payload = { assessment: text('assessment', true) };
      break;
    case 'REVIEW_CHECKPOINT': {
      const decision = field(fields, 'decision');
      if (decision !== 'APPROVE' && decision !== 'EXTEND' && decision !== 'ESCALATE') {
        errors.decision = 'mustChoose';
        break;
      }
      const newDate = field(fields, 'newDate');
      if (decision === 'EXTEND' && !/^\d{4}-\d{2}-\d{2}$/.test(newDate)) errors.newDate = 'badDate';
      payload = {
        decision,
        ...(decision === 'EXTEND' ? { newDate } : {}),
        notes: text('notes', false),
      };
      break;
    }
    case 'TRIAL_DECISION': {
      const trialDecision = field(fields, 'trialDecision');
      if (trialDecision !== 'CONFIRM' && trialDecision !== 'RENEW' && trialDecision !== 'END') {
        errors.trialDecision = 'mustChoose';
        break;
      }
      const date = (name: string) => {
        const v = field(fields, name);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) errors[name] = 'badDate';
        return v;
      };
      payload = { trialDecision };
      if (trialDecision === 'RENEW') payload.newDate = date('newDate');
      if (trialDecision === 'END') {
        payload.lastDay = date('lastDay');
        payload.reason = text('reason', true);
      }
      break;
    }
    case 'COSIGN_TRIAL_END':
    case 'APPROVE_ACCESS': {
      const answer = field(fields, 'approve');
      if (answer !== 'yes' && answer !== 'no') {
        errors.approve = 'mustChoose';
        break;
      }
      const reason = text('reason', answer === 'no');
      payload = { approve: answer === 'yes', ...(reason ? { reason } : {}) };
      break;
    }
    case 'PROVISION_ACCESS':
      payload = { externalRef: text('externalRef', true) };
      break;
    case 'CONFIRM_TOUR':
      checked('confirm');
      break;
    default:
      checked('done');
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  // Drop undefined values: the workflow compares payloads for idempotency.
  return { ok: true, payload: JSON.parse(JSON.stringify(payload)) as TaskPayload };
}
