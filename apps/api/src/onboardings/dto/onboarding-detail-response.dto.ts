import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CALENDAR_COVERAGE_ACTION } from '../../../../../config/calendar/coverage';
import type { AuditRow, RunDetailRow } from '../read/run-read.repository';
import { progressPercent } from '../../../../../domain/run-progress';
import { withoutEmails, type Json } from '../read/timeline';
import { OnboardingResponseDto } from './onboarding-response.dto';
import { isRunLevelStep, OffboardingStatusDto, TrialStatusDto } from './trial-offboarding.dto';

export class PlanRefDto {
  @ApiProperty({ example: 'rust-backend-engineer' }) key!: string;
  @ApiProperty({ example: 1 }) version!: number;
}

/** Titles of the run-level steps, which no plan lists (the trial period, the leaving journey). */
const RUN_LEVEL_TITLES: Record<string, { fr: string; en: string }> = {
  TRIAL: { fr: 'Période d’essai', en: 'Trial period' },
  OFFBOARDING: { fr: 'Départ', en: 'Leaving' },
};

export class StepTitleDto {
  @ApiProperty({ example: 'Signer la charte de sécurité' }) fr!: string;
  @ApiProperty({ example: 'Sign the security charter' }) en!: string;
}

export class RunStepResponseDto {
  @ApiProperty({ example: 'security-charter', description: 'Step id in the plan' }) id!: string;
  @ApiPropertyOptional({
    type: StepTitleDto,
    nullable: true,
    description: "The step's title in the run's plan version: what people read (never the id)",
  })
  title!: StepTitleDto | null;
  @ApiProperty({ example: 'DOCUMENT_ACK' }) kind!: string;
  @ApiProperty({ example: 'SECURITY_SIGN_OFF' }) phase!: string;
  @ApiProperty({ example: 'IN_PROGRESS' }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) dueAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) completedAt!:
    string | null;
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

export class RunCalendarDto {
  @ApiProperty({
    example: false,
    description:
      'False when the schedule reaches a year without reviewed holidays (config/holidays): the library dates are used there',
  })
  reviewed!: boolean;
  @ApiProperty({ type: [Number], example: [2028] }) unreviewedYears!: number[];
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
  @ApiProperty({ type: RunCalendarDto, description: 'Holiday calendar behind the due dates' })
  calendar!: RunCalendarDto;
  @ApiProperty({ type: [TimelineEventResponseDto], description: 'Audit events, oldest first' })
  timeline!: TimelineEventResponseDto[];
  @ApiPropertyOptional({ type: TrialStatusDto, nullable: true, description: 'Trial period' })
  trial!: TrialStatusDto | null;
  @ApiPropertyOptional({ type: OffboardingStatusDto, nullable: true, description: 'Leaving' })
  offboarding!: OffboardingStatusDto | null;

  static mapDetail(
    run: RunDetailRow,
    audit: AuditRow[],
    planSteps: number,
  ): OnboardingDetailResponseDto {
    const planned = run.steps.filter((s) => !isRunLevelStep(s));
    const doneSteps = planned.filter((s) => s.status === 'DONE').length;
    const totalSteps = Math.max(planSteps, planned.length);
    return {
      ...OnboardingResponseDto.map(run),
      plan: run.plan ? { key: run.plan.key, version: run.plan.version } : null,
      cancelReason: run.cancelReason,
      steps: run.steps.map((s) => ({
        id: s.stepId,
        title: s.title ?? RUN_LEVEL_TITLES[s.kind] ?? null,
        kind: s.kind,
        phase: s.phase,
        status: s.status,
        dueAt: s.dueAt?.toISOString() ?? null,
        completedAt: s.completedAt?.toISOString() ?? null,
      })),
      progress: { doneSteps, totalSteps, percent: progressPercent(doneSteps, totalSteps) },
      trial: TrialStatusDto.fromSteps(run.steps),
      offboarding: OffboardingStatusDto.fromSteps(run.steps),
      overdueTasks: run.tasks.map((t) => ({
        key: t.taskKey,
        stepId: t.stepId,
        kind: t.kind,
        assigneeRole: t.assigneeRole,
        dueAt: t.dueAt.toISOString(), // selected with due_at < now, so never null
      })),
      calendar: calendarOf(audit),
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

/** The latest calendar coverage recorded by the worker (none: every year was reviewed). */
function calendarOf(audit: AuditRow[]): RunCalendarDto {
  const last = audit.filter((e) => e.action === CALENDAR_COVERAGE_ACTION).at(-1);
  const after = last?.after as { unreviewedYears?: unknown } | null | undefined;
  const years = Array.isArray(after?.unreviewedYears)
    ? after.unreviewedYears.filter((y): y is number => typeof y === 'number')
    : [];
  return { reviewed: years.length === 0, unreviewedYears: years };
}
