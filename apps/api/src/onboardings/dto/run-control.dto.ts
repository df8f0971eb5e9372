import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { DATE_PATTERN } from '../../http/api-fields';
import { IsCalendarDate } from '../../http/validators';
import { TechLeadDto } from './create-onboarding.dto';
import { trimmed } from '../../http/person-fields';

export class CancelOnboardingDto {
  @ApiProperty({
    example: 'Offer withdrawn by the candidate',
    minLength: 1,
    maxLength: 500,
    pattern: '\\S',
  })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(500)
  reason!: string;
}

export class ChangeStartDateDto {
  @ApiProperty({
    example: '2027-02-01',
    description: 'New first working day (YYYY-MM-DD)',
    format: 'date',
    pattern: DATE_PATTERN,
  })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date formatted YYYY-MM-DD' })
  @IsCalendarDate()
  startDate!: string;
}

/** The new tech lead: the workflow gets the subject, the read model keeps email and name. */
export class ReassignTechLeadDto extends TechLeadDto {}
