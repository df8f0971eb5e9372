import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditRow, RunDetailRow } from '../read/run-read.repository';
import { progressPercent } from '../../../../../domain/run-progress';
import { withoutEmails, type Json } from '../read/timeline';
import { OnboardingResponseDto } from './onboarding-response.dto';

export class PlanRefDto {
  @ApiProperty({ example: 'rust-backend-engineer' }) key!: string;
  @ApiProperty({ example: 1 }) version!: number;
}

export class RunStepResponseDto {
  @ApiProperty({ example: 'security-charter', description: 'Step id in the plan' }) id!: string;
  @ApiProperty({ example: 'DOCUMENT_ACK' }) kind!: string;
  @ApiProperty({ example: 'SECURITY_SIGN_OFF' }) phase!: string;
  @ApiProperty({ example: 'IN_PROGRESS' }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) dueAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) completedAt!: string | null;
}

export class RunProgressDto {
  @ApiProperty({ example: 4 }) doneSteps!: number;
  @ApiProperty({ example: 16, description: 'Steps in the plan snapshot, all phases' })
  totalSteps!: number;
  @ApiProperty({ example: 25, minimum: 0, maximum: 100 }) percent!: number;
}

export class OverdueTaskResponseDto {
  @ApiProperty({ example: 'security-charter:charter' }) key!: string;
  @ApiProperty() stepId!: string;
  @ApiProperty({ example: 'ACK_DOCUMENT' }) kind!: string;
  @ApiProperty({ example: 'HIRE' }) assigneeRole!: string;
  @ApiProperty() dueAt!: string;
}

export class TimelineEventResponseDto {
  @ApiProperty() at!: string;
  @ApiProperty({ example: 'hr-amina', description: 'Subject, or system:workflow' }) actor!: string;
  @ApiProperty({ example: 'run.created' }) action!: string;
  @ApiProperty({ example: 'onboarding_run' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiPropertyOptional({ nullable: true, type: Object }) before!: Json;
  @ApiPropertyOptional({ nullable: true, type: Object }) after!: Json;
}

/** A run with everything an operator needs; email addresses appear only in `hire`/`techLead`. */
export class OnboardingDetailResponseDto extends OnboardingResponseDto {
  @ApiPropertyOptional({ type: PlanRefDto, nullable: true }) plan!: PlanRefDto | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelReason!: string | null;
  @ApiProperty({ type: [RunStepResponseDto] }) steps!: RunStepResponseDto[];
  @ApiProperty({ type: RunProgressDto }) progress!: RunProgressDto;
  @ApiProperty({ type: [OverdueTaskResponseDto], description: 'Open tasks past their due date' })
  overdueTasks!: OverdueTaskResponseDto[];
  @ApiProperty({ type: [TimelineEventResponseDto], description: 'Audit events, oldest first' })
  timeline!: TimelineEventResponseDto[];

  static mapDetail(
    run: RunDetailRow,
    audit: AuditRow[],
    planSteps: number,
  ): OnboardingDetailResponseDto {
    const doneSteps = run.steps.filter((s) => s.status === 'DONE').length;
    const totalSteps = Math.max(planSteps, run.steps.length);
    return {
      ...OnboardingResponseDto.map(run),
      plan: run.plan ? { key: run.plan.key, version: run.plan.version } : null,
      cancelReason: run.cancelReason,
      steps: run.steps.map((s) => ({
        id: s.stepId,
        kind: s.kind,
        phase: s.phase,
        status: s.status,
        dueAt: s.dueAt?.toISOString() ?? null,
        completedAt: s.completedAt?.toISOString() ?? null,
      })),
      progress: { doneSteps, totalSteps, percent: progressPercent(doneSteps, totalSteps) },
      overdueTasks: run.tasks.map((t) => ({
        key: t.taskKey,
        stepId: t.stepId,
        kind: t.kind,
        assigneeRole: t.assigneeRole,
        dueAt: t.dueAt.toISOString(), // selected with due_at < now, so never null
      })),
      timeline: audit.map((e) => ({
        at: e.at.toISOString(),
        actor: withoutEmails(e.actor) as string,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        before: withoutEmails(e.before),
        after: withoutEmails(e.after),
      })),
    };
  }
}
