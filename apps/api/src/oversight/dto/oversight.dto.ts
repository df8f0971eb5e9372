import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextDto } from '../../plans/dto/plan-response.dto';

export const ESCALATION_REASONS = [
  'CHECKPOINT_ESCALATED',
  'TRIAL_COSIGN',
  'TRIAL_LAPSED',
  'GRANT_FAILED',
  'OVERDUE_ESCALATED',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export class EscalationDto {
  @ApiProperty() taskId!: string;
  @ApiProperty() runId!: string;
  @ApiProperty() hireName!: string;
  @ApiProperty({ nullable: true, type: String }) techLeadName!: string | null;
  @ApiProperty({ example: 'checkpoint-day-30' }) stepId!: string;
  @ApiProperty({ nullable: true, type: LocalizedTextDto }) stepTitle!: LocalizedTextDto | null;
  @ApiProperty({ example: 'REVIEW_CHECKPOINT' }) kind!: string;
  @ApiProperty({
    enum: ['HIRE', 'TECH_LEAD', 'HR', 'IT', 'HEAD_OF_DF'],
    description: 'Who must act',
  })
  assigneeRole!: string;
  @ApiProperty({
    enum: ESCALATION_REASONS,
    description:
      'CHECKPOINT_ESCALATED: a tech lead escalated a checkpoint, the head of DF reviews it; ' +
      'TRIAL_COSIGN: a trial end awaits the co-signature; TRIAL_LAPSED: the trial ended ' +
      'undecided; GRANT_FAILED: a connector failed, IT grants by hand; OVERDUE_ESCALATED: the ' +
      "plan's escalation ladder reached the head of DF",
  })
  reason!: EscalationReason;
  @ApiProperty({ format: 'date-time', description: 'When it reached the head of DF' })
  since!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dueAt!: string | null;
  @ApiProperty({ description: 'Past its due instant (at the time of the answer)' })
  overdue!: boolean;
  @ApiProperty({ description: 'The head of DF completes it (else it shows who must act)' })
  actionable!: boolean;
}

export class EscalationPageDto {
  @ApiProperty({ type: [EscalationDto] }) items!: EscalationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class CountDto {
  @ApiProperty({ example: 'RUNNING' }) key!: string;
  @ApiProperty() count!: number;
}

export class RunsOverviewDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [CountDto], description: 'Every run by status' }) byStatus!: CountDto[];
  @ApiProperty({ type: [CountDto], description: 'Active runs (pending, running, paused) by phase' })
  byPhase!: CountDto[];
  @ApiProperty({ description: 'Active runs with an open task past its due instant' })
  overdue!: number;
  @ApiProperty({ description: 'Trial decisions open, awaiting co-signature or lapsed' })
  trialAtRisk!: number;
  @ApiProperty({ description: 'Open escalations (GET /v1/oversight/escalations total)' })
  escalations!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
}
