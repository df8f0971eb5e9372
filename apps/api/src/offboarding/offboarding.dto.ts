/** Bodies and answer of the leaving journey's endpoints (docs/api.md, "Leaving"). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import type { OffboardingView } from '../../../../workflows/definitions';
import { DATE_PATTERN } from '../http/api-fields';
import { IsCalendarDate } from '../http/validators';
import { trimmed } from '../http/person-fields';

export class RevokeNowDto {
  @ApiProperty({
    example: 'Gross misconduct: access removed at once',
    minLength: 1,
    maxLength: 500,
  })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(500)
  reason!: string;
}

export class StartOffboardingDto extends RevokeNowDto {
  @ApiProperty({
    example: '2027-04-30',
    description: 'Last working day (YYYY-MM-DD, a working day, today or later)',
    format: 'date',
    pattern: DATE_PATTERN,
  })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date formatted YYYY-MM-DD' })
  @IsCalendarDate()
  lastDay!: string;
}

export class OffboardingTaskDto {
  @ApiProperty({ example: 'leaving-handover:task' }) key!: string;
  @ApiProperty({ example: 'TECH_LEAD' }) assignee!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty({ example: 'OPEN' }) status!: string;
}

export class OffboardingResponseDto {
  @ApiProperty({ example: 'offboarding-3f0c…' }) workflowId!: string;
  @ApiProperty({ example: 'SCHEDULED' }) status!: string;
  @ApiProperty({ example: '2027-04-30' }) lastDay!: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  revokeAt!: string | null;
  @ApiProperty() emergency!: boolean;
  @ApiProperty({ description: 'Verification rounds run after the revocation' })
  verifications!: number;
  @ApiProperty({ type: [OffboardingTaskDto] }) tasks!: OffboardingTaskDto[];

  static map(workflowId: string, v: OffboardingView): OffboardingResponseDto {
    return {
      workflowId,
      status: v.status,
      lastDay: v.lastDay,
      revokeAt: v.revokeAt ?? null,
      emergency: v.emergency,
      verifications: v.verifications,
      tasks: v.tasks.map((t) => ({
        key: t.key,
        assignee: t.assignee,
        dueAt: t.dueAt,
        status: t.status,
      })),
    };
  }
}
