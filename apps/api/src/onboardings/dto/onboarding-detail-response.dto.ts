import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CALENDAR_COVERAGE_ACTION } from '../../../../../domain/calendar/coverage';
import type { AuditRow, RunDetailRow } from '../read/run-read.repository';
import { progressPercent } from '../../../../../domain/run-progress';
import { withoutEmails, type Json } from '../read/timeline';
import { OnboardingResponseDto } from './onboarding-response.dto';
import { isRunLevelStep, OffboardingStatusDto, TrialStatusDto } from './trial-offboarding.dto';

/** Titles of the run-level steps, which no plan lists (the trial period, the leaving journey). */
const RUN_LEVEL_TITLES: Record<string, { fr: string; en: string }> = {
  TRIAL: { fr: 'Période d’essai', en: 'Trial period' },
  OFFBOARDING: { fr: 'Départ', en: 'Leaving' },
};

export class StepTitleDto {
  @ApiProperty({ example: 'Signer la charte de sécurité' }) fr!: string;
  @ApiProperty({ example: 'Sign the security charter' }) en!: string;
}

export class PlanRefDto {
  @ApiProperty({ example: 'rust-backend-engineer' }) key!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ type: StepTitleDto, description: "The plan's title: what people read" })
  title!: StepTitleDto;
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
  @ApiProperty({ example: 'hr-amina', description: 'Subject, hire:<id> or system:workflow' })
  actor!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'Kossi Mensah',
    description:
      "Who the actor is, for people: the run's hire or tech lead by name (both shown on this " +
      'run anyway), anyone else by the name of their latest browser session (or as peer guide ' +
      'of this run); null for the system and for a subject never seen signed in',
  })
  actorName!: string | null;
  @ApiProperty({
    example: 'HIRE',
    description: 'HIRE, TECH_LEAD (of this run), SYSTEM, or PERSON (any other subject)',
  })
  actorKind!: string;
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
  @ApiProperty({
    type: [RunStepResponseDto],
    description:
      'Steps of the plan not opened yet (status PLANNED), with the due date the schedule gives ' +
      "them today (the run's start date, plan and holiday calendar); empty once the run ended",
  })
  plannedSteps!: RunStepResponseDto[];
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
    plannedSteps: RunStepResponseDto[] = [],
  ): OnboardingDetailResponseDto {
    const opened = new Set(run.steps.map((s) => s.stepId));
    const planned = run.steps.filter((s) => !isRunLevelStep(s));
    const doneSteps = planned.filter((s) => s.status === 'DONE').length;
    const totalSteps = Math.max(planSteps, planned.length);
    return {
      ...OnboardingResponseDto.map(run),
      plan: run.plan
        ? { key: run.plan.key, version: run.plan.version, title: run.plan.title }
        : null,
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
      plannedSteps: ['PENDING', 'RUNNING', 'PAUSED'].includes(run.status)
        ? plannedSteps.filter((s) => !opened.has(s.id))
        : [],
      progress: { doneSteps, totalSteps, percent: progressPercent(doneSteps, totalSteps) },
      trial: TrialStatusDto.fromSteps(run.steps),
      offboarding: OffboardingStatusDto.fromSteps(run.steps, audit),
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
        ...actorOf(e.actor, run),
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

/**
 * A readable actor: the run's hire and tech lead by name (the reader sees both on this run), and
 * the other people (HR, the head of DF, IT, a peer guide) by the name they signed in with.
 */
function actorOf(
  actor: string,
  run: RunDetailRow,
): Pick<TimelineEventResponseDto, 'actorName' | 'actorKind'> {
  if (actor === `hire:${run.hire.id}`) return { actorName: run.hire.fullName, actorKind: 'HIRE' };
  if (actor.startsWith('system:')) return { actorName: null, actorKind: 'SYSTEM' };
  if (run.techLeadSub !== null && actor === run.techLeadSub) {
    return { actorName: run.techLeadName, actorKind: 'TECH_LEAD' };
  }
  return { actorName: run.actorNames[actor] ?? null, actorKind: 'PERSON' };
}
