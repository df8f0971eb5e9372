import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DATE_PATTERN } from '../../http/api-fields';
import { IsCalendarDate } from '../../http/validators';

export const RUN_STATUSES = [
  'PENDING',
  'RUNNING',
  'PAUSED',
  'COMPLETED',
  'CANCELLED',
  'FAILED',
] as const;
export type RunStatusValue = (typeof RUN_STATUSES)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date formatted YYYY-MM-DD';

/** Query strings arrive as text: `true`/`false` become booleans, anything else stays and fails. */
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListOnboardingsQueryDto {
  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES, { message: `must be one of: ${RUN_STATUSES.join(', ')}` })
  status?: RunStatusValue;

  @ApiPropertyOptional({
    example: 'SECURITY_SIGN_OFF',
    description: 'Run phase (UPPER_SNAKE)',
    pattern: '^[A-Z][A-Z0-9_]*$',
    maxLength: 100,
  })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]*$/, { message: 'must be a phase such as PRE_BOARDING' })
  @MaxLength(100)
  phase?: string;

  @ApiPropertyOptional({
    example: 'kossi',
    description:
      "Part of the hire's full name (case- and accent-insensitive); narrows the caller's scope",
    minLength: 1,
    maxLength: 100,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    example: 'rust-backend-engineer',
    description: 'Plan key (any version), as GET /v1/plans lists them',
    pattern: '^[a-z0-9][a-z0-9-]*$',
    maxLength: 100,
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'must be a plan key such as rust-backend-engineer' })
  @MaxLength(100)
  plan?: string;

  @ApiPropertyOptional({
    example: 'tl-akossiwa',
    description: 'Tech lead subject; a TECH_LEAD caller only ever sees their own runs',
    minLength: 1,
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  techLead?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: runs with an open task past its due date; false: runs without one',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({
    example: '2027-01-01',
    description: 'Start date on or after (YYYY-MM-DD)',
    format: 'date',
    pattern: DATE_PATTERN,
  })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsCalendarDate()
  startDateFrom?: string;

  @ApiPropertyOptional({
    example: '2027-01-31',
    description: 'Start date on or before (YYYY-MM-DD)',
    format: 'date',
    pattern: DATE_PATTERN,
  })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsCalendarDate()
  startDateTo?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 366,
    description: 'Runs whose trial period is undecided and ends within this many days (0: today)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(0)
  @Max(366)
  trialEndingWithinDays?: number;

  @ApiPropertyOptional({
    description: '`nextCursor` of the previous page (opaque, base64url)',
    maxLength: 200,
    pattern: '^[A-Za-z0-9_-]+$',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(100)
  limit?: number;
}
