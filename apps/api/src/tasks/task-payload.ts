/**
 * Turns a validated body into the workflow's TaskPayload. The workflow compares a repeated
 * completion with the first by its JSON text, so every endpoint builds the payload of a kind with
 * the same fields in the same order: deciding twice with the same body is then idempotent.
 */
import type { TaskKind, TaskPayload } from '../../../../workflows/definitions';
import { createValidationPipe } from '../http/validation.pipe';
import { ProblemException } from '../http/problem';
import {
  EmptyPayloadDto,
  PAYLOAD_CLASSES,
  type AccessDecisionDto,
  type AckDocumentPayloadDto,
  type AttendTourPayloadDto,
  type CheckpointDecisionDto,
  type ProvisionAccessPayloadDto,
  type SelfAssessmentPayloadDto,
} from './dto/task-payload.dto';
import type { TrialDecisionDto } from './dto/trial-payload.dto';

const pipe = createValidationPipe();

/** Validates `body` as the payload of a `kind` task, with the same rules as every other body. */
export async function validatePayload(kind: TaskKind, body: unknown): Promise<TaskPayload> {
  // A class without validation metadata is refused by `forbidUnknownValues` whatever the body:
  // the kinds that take no field are checked here (an object with no field).
  if (PAYLOAD_CLASSES[kind] === EmptyPayloadDto) return emptyPayload(body ?? {});
  const dto = (await pipe.transform(body ?? {}, {
    type: 'body',
    metatype: PAYLOAD_CLASSES[kind],
  })) as PayloadFields;
  return toTaskPayload(kind, dto);
}

function emptyPayload(body: unknown): TaskPayload {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ProblemException.validation([{ name: 'body', reason: 'must be an object' }]);
  }
  const extra = Object.keys(body);
  if (extra.length > 0) {
    throw ProblemException.validation(
      extra.map((name) => ({ name, reason: 'is not an accepted field' })),
    );
  }
  return {};
}

export const payloadOf = {
  ack: (d: AckDocumentPayloadDto): TaskPayload => ({
    documentVersion: d.documentVersion,
    contentHash: d.contentHash,
  }),
  access: (d: AccessDecisionDto): TaskPayload => ({ approve: d.approve, reason: d.reason }),
  checkpoint: (d: CheckpointDecisionDto): TaskPayload => ({
    decision: d.decision,
    newDate: d.newDate,
    notes: d.notes,
  }),
  trial: (d: TrialDecisionDto): TaskPayload => ({
    trialDecision: d.trialDecision,
    newDate: d.newDate,
    lastDay: d.lastDay,
    reason: d.reason,
  }),
};

/** Every field any payload class may hold: the validated instance of one of them. */
type PayloadFields = Partial<
  AckDocumentPayloadDto &
    AccessDecisionDto &
    CheckpointDecisionDto &
    AttendTourPayloadDto &
    SelfAssessmentPayloadDto &
    ProvisionAccessPayloadDto &
    TrialDecisionDto
>;

function toTaskPayload(kind: TaskKind, dto: PayloadFields): TaskPayload {
  switch (kind) {
    case 'ACK_DOCUMENT':
      return payloadOf.ack(dto as AckDocumentPayloadDto);
    case 'APPROVE_ACCESS':
      return payloadOf.access(dto as AccessDecisionDto);
    case 'REVIEW_CHECKPOINT':
      return payloadOf.checkpoint(dto as CheckpointDecisionDto);
    case 'ATTEND_TOUR':
      return { reflection: dto.reflection };
    case 'SELF_ASSESSMENT':
      return { assessment: dto.assessment };
    case 'PROVISION_ACCESS':
      return { externalRef: dto.externalRef };
    case 'TRIAL_DECISION':
      return payloadOf.trial(dto as TrialDecisionDto);
    case 'COSIGN_TRIAL_END':
      return payloadOf.access(dto as AccessDecisionDto);
    default:
      return {};
  }
}
