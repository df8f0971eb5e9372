/**
 * Bodies of POST /v1/tasks/{taskId}/complete, one class per task kind (docs/journey.md, "Task
 * payloads"). The kind is known only once the task is loaded, so the service validates the body
 * against the class of its kind with the global pipe's rules: unknown fields are refused.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import type { CheckpointDecision, TaskKind } from '../../../../../workflows/definitions';
import { DATE_PATTERN, SHA256_PATTERN } from '../../http/api-fields';
import { IsCalendarDate } from '../../http/validators';
import { TrialDecisionDto } from './trial-payload.dto';
import { trimmed } from '../../http/person-fields';

export const CHECKPOINT_DECISIONS = ['APPROVE', 'EXTEND', 'ESCALATE'] as const;

export class AckDocumentPayloadDto {
  @ApiProperty({
    example: '2026.1',
    description: 'The document version shown to the hire',
    minLength: 1,
    maxLength: 100,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  documentVersion!: string;

  @ApiProperty({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    description: 'SHA-256 (hex) of the document content',
    pattern: SHA256_PATTERN,
  })
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 hex digest (64 lower-case hex)' })
  contentHash!: string;
}

export class AttendTourPayloadDto {
  @ApiProperty({
    example: 'The module boundaries are clear now.',
    minLength: 1,
    maxLength: 4000,
    pattern: '\\S',
  })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reflection!: string;
}

export class SelfAssessmentPayloadDto {
  @ApiProperty({
    example: 'On track; I want more code reviews.',
    minLength: 1,
    maxLength: 4000,
    pattern: '\\S',
  })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  assessment!: string;
}

export class CheckpointDecisionDto {
  @ApiProperty({ enum: CHECKPOINT_DECISIONS })
  @IsIn(CHECKPOINT_DECISIONS, { message: `must be one of: ${CHECKPOINT_DECISIONS.join(', ')}` })
  decision!: CheckpointDecision;

  @ApiPropertyOptional({
    example: '2027-03-01',
    description: 'Required for EXTEND: the new checkpoint date (YYYY-MM-DD, after today)',
    format: 'date',
    pattern: DATE_PATTERN,
  })
  @ValidateIf((o: CheckpointDecisionDto) => o.decision === 'EXTEND' || o.newDate !== undefined)
  @IsString({ message: 'is required for EXTEND (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date formatted YYYY-MM-DD' })
  @IsCalendarDate()
  newDate?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

export class AccessDecisionDto {
  @ApiProperty({ type: Boolean, description: 'true grants the access, false refuses it' })
  @IsBoolean({ message: 'must be true or false' })
  approve!: boolean;

  @ApiPropertyOptional({ maxLength: 1000, example: 'Not needed before the security sign-off' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ProvisionAccessPayloadDto {
  @ApiProperty({
    example: 'IT-4711',
    description: 'Ticket or account id in the target system',
    minLength: 1,
    maxLength: 200,
    pattern: '\\S',
  })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  externalRef!: string;
}

/** CONFIRM_TOUR and GENERIC tasks take no field. */
export class EmptyPayloadDto {}

export const PAYLOAD_CLASSES: Record<TaskKind, new () => object> = {
  ACK_DOCUMENT: AckDocumentPayloadDto,
  ATTEND_TOUR: AttendTourPayloadDto,
  CONFIRM_TOUR: EmptyPayloadDto,
  SELF_ASSESSMENT: SelfAssessmentPayloadDto,
  REVIEW_CHECKPOINT: CheckpointDecisionDto,
  APPROVE_ACCESS: AccessDecisionDto,
  PROVISION_ACCESS: ProvisionAccessPayloadDto,
  GENERIC: EmptyPayloadDto,
  TRIAL_DECISION: TrialDecisionDto,
  COSIGN_TRIAL_END: AccessDecisionDto,
};
