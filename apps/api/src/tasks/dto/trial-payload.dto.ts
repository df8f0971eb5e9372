/**
 * Body of a TRIAL_DECISION task (the tech lead at the end of a trial period). The co-signature
 * of an END (COSIGN_TRIAL_END, head of DF) takes the access decision's body: `approve`, `reason`.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { TrialDecision } from '../../../../../workflows/definitions';
import { DATE_PATTERN } from '../../http/api-fields';
import { IsCalendarDate } from '../../http/validators';
import { trimmed } from '../../http/person-fields';

export const TRIAL_DECISIONS = ['CONFIRM', 'RENEW', 'END'] as const;

export class TrialDecisionDto {
  @ApiProperty({ enum: TRIAL_DECISIONS })
  @IsIn(TRIAL_DECISIONS, { message: `must be one of: ${TRIAL_DECISIONS.join(', ')}` })
  trialDecision!: TrialDecision;

  @ApiPropertyOptional({
    example: '2027-07-03',
    description: 'Required for RENEW: the new end date (after the current one)',
    format: 'date',
    pattern: DATE_PATTERN,
  })
  @ValidateIf((o: TrialDecisionDto) => o.trialDecision === 'RENEW' || o.newDate !== undefined)
  @IsString({ message: 'is required for RENEW (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date formatted YYYY-MM-DD' })
  @IsCalendarDate()
  newDate?: string;

  @ApiPropertyOptional({
    example: '2027-04-09',
    description: 'Required for END: the last working day (today or later)',
    format: 'date',
    pattern: DATE_PATTERN,
  })
  @ValidateIf((o: TrialDecisionDto) => o.trialDecision === 'END' || o.lastDay !== undefined)
  @IsString({ message: 'is required for END (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date formatted YYYY-MM-DD' })
  @IsCalendarDate()
  lastDay?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required for END' })
  @ValidateIf((o: TrialDecisionDto) => o.trialDecision === 'END' || o.reason !== undefined)
  @Transform(trimmed)
  @IsString({ message: 'is required for END' })
  @IsNotEmpty({ message: 'is required for END' })
  @MaxLength(2000)
  reason?: string;
}
