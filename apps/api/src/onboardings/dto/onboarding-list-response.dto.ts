import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { progressPercent } from '../../../../../domain/run-progress';
import { LocalizedTextDto } from '../../plans/dto/plan-response.dto';
import type { RunListRow } from '../read/run-read.repository';
import { RunProgressDto } from './onboarding-detail-response.dto';
import { OnboardingResponseDto } from './onboarding-response.dto';
import { trialAtRisk } from './trial-offboarding.dto';

export class NextTaskDto {
  @ApiProperty({ example: 'grant-production-db-read' }) stepId!: string;
  @ApiProperty({ example: 'APPROVE_ACCESS' }) kind!: string;
  @ApiProperty({ example: 'TECH_LEAD', description: 'Who must act' }) assigneeRole!: string;
  @ApiProperty() dueAt!: string;
  @ApiPropertyOptional({
    type: LocalizedTextDto,
    nullable: true,
    description: "The step's title in the run's plan version (null for a leaving task)",
  })
  title!: LocalizedTextDto | null;
}

export class TrialSummaryDto {
  @ApiProperty({
    example: 'DECISION_OPEN',
    description: 'RUNNING, DECISION_OPEN, AWAITING_COSIGN, CONFIRMED, ENDED or LAPSED',
  })
  status!: string;
  @ApiProperty({ example: '2027-04-03', description: 'Last calendar day of the trial' })
  endDate!: string;
  @ApiProperty({ description: 'The decision is late (open, awaiting co-signature or lapsed)' })
  atRisk!: boolean;
}

/** A row of the list: the run, its progress, its next open task and whether it is late. */
export class OnboardingListItemDto extends OnboardingResponseDto {
  @ApiProperty({ type: RunProgressDto }) progress!: RunProgressDto;
  @ApiPropertyOptional({
    type: NextTaskDto,
    nullable: true,
    description: 'The open task due first (null when none is open)',
  })
  nextTask!: NextTaskDto | null;
  @ApiPropertyOptional({
    type: TrialSummaryDto,
    nullable: true,
    description:
      'The trial period (null without one, and for a caller who sees the run as its hire)',
  })
  trial!: TrialSummaryDto | null;
  @ApiProperty({ description: 'An open task is past its due date (at the time of the answer)' })
  overdue!: boolean;

  static mapItem(run: RunListRow): Omit<OnboardingListItemDto, 'overdue'> {
    return {
      ...OnboardingResponseDto.map(run),
      progress: {
        doneSteps: run.doneSteps,
        totalSteps: run.totalSteps,
        percent: progressPercent(run.doneSteps, run.totalSteps),
      },
      nextTask: run.nextTask && { ...run.nextTask, dueAt: run.nextTask.dueAt.toISOString() },
      trial: trialOf(run.trial),
    };
  }
}

export class OnboardingListResponseDto {
  @ApiProperty({ type: [OnboardingListItemDto] }) items!: OnboardingListItemDto[];

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

/** A list page as the read cache keeps it: without `overdue`, which depends on the clock. */
export type CachedListPage = Omit<OnboardingListResponseDto, 'items'> & {
  items: Omit<OnboardingListItemDto, 'overdue'>[];
};

function trialOf(row: RunListRow['trial']): TrialSummaryDto | null {
  if (!row) return null;
  const status = row.status ?? 'RUNNING';
  return { status, endDate: row.endDate ?? '', atRisk: trialAtRisk(status) };
}
