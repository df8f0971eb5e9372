/**
 * The trial period and the leaving journey on the run detail, read from the run-level steps the
 * workflows project (`trial-period`, `offboarding`). Hidden from the hire (leavingHiddenFrom).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Principal } from '../../auth/roles';
import type { AuditRow, RunDetailRow } from '../read/run-read.repository';
import { withoutEmails } from '../read/timeline';

type Step = RunDetailRow['steps'][number];
type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Undecided with the decision open, awaiting the co-signature, or lapsed: late, flagged. */
export const trialAtRisk = (status: string) =>
  ['DECISION_OPEN', 'AWAITING_COSIGN', 'LAPSED'].includes(status);

export class TrialStatusDto {
  @ApiProperty({
    example: 'DECISION_OPEN',
    description: 'RUNNING, DECISION_OPEN, AWAITING_COSIGN, CONFIRMED, ENDED or LAPSED',
  })
  status!: string;
  @ApiProperty({ example: '2027-04-03', description: 'Last calendar day of the trial' })
  endDate!: string;
  @ApiProperty({ example: '2027-04-02' }) lastWorkingDay!: string;
  @ApiProperty() renewed!: boolean;
  @ApiProperty() renewable!: boolean;
  @ApiProperty({ example: 8 }) noticeDays!: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Decided last day when the trial ended',
  })
  lastDay!: string | null;
  @ApiProperty({
    description: 'Undecided with the decision open, escalated or lapsed: the run page flags it',
  })
  atRisk!: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the decision is due',
  })
  decisionDueAt!: string | null;

  static fromSteps(steps: Step[]): TrialStatusDto | null {
    const step = steps.find((s) => s.kind === 'TRIAL');
    const d = (step?.data ?? null) as Data | null;
    if (!step || !d) return null;
    const status = str(d.status) ?? 'RUNNING';
    return {
      status,
      endDate: str(d.endDate) ?? '',
      lastWorkingDay: str(d.lastWorkingDay) ?? '',
      renewed: d.renewed === true,
      renewable: d.renewable === true,
      noticeDays: typeof d.noticeDays === 'number' ? d.noticeDays : 0,
      lastDay: str(d.lastDay),
      atRisk: trialAtRisk(status),
      decisionDueAt: step.dueAt?.toISOString() ?? null,
    };
  }
}

export class OffboardingStatusDto {
  @ApiProperty({
    example: 'SCHEDULED',
    description: 'SCHEDULED, REVOKING, VERIFYING, DRIFT, REVOKED or COMPLETED',
  })
  status!: string;
  @ApiProperty({ example: '2027-04-02' }) lastDay!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'End of working day of the last day',
  })
  revokeAt!: string | null;
  @ApiProperty({ example: 'HR', description: 'HR (API) or TRIAL_END' }) source!: string;
  @ApiProperty({ description: 'Revoked at once by HR (emergency leave)' }) emergency!: boolean;
  @ApiProperty({ type: [String], description: 'Grants verification still found (DRIFT)' })
  remaining!: string[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why the person leaves, as HR recorded it (audit offboarding.started)',
  })
  reason!: string | null;

  static fromSteps(steps: Step[], audit: AuditRow[] = []): OffboardingStatusDto | null {
    const step = steps.find((s) => s.kind === 'OFFBOARDING');
    const d = (step?.data ?? null) as Data | null;
    if (!step || !d) return null;
    return {
      status: str(d.status) ?? 'SCHEDULED',
      lastDay: str(d.lastDay) ?? '',
      revokeAt: str(d.revokeAt),
      source: str(d.source) ?? 'HR',
      emergency: d.emergency === true,
      remaining: Array.isArray(d.remaining) ? d.remaining.filter((x) => typeof x === 'string') : [],
      reason: str(
        withoutEmails(
          (audit.findLast((e) => e.action === 'offboarding.started')?.after as Data | null)?.reason,
        ),
      ),
    };
  }
}

/** Steps of the run that are not plan steps: they never count in the progress. */
export const isRunLevelStep = (s: { kind: string; phase: string }) =>
  s.kind === 'TRIAL' || s.kind === 'OFFBOARDING' || s.phase === 'LEAVING';

/** A caller who sees the run only as its hire sees neither the trial decision nor the leaving. */
export function leavingHiddenFrom(caller: Principal, techLeadSub: string | null): boolean {
  const roles = caller.roles;
  if (roles.includes('HR') || roles.includes('ADMIN') || roles.includes('HEAD_OF_DF')) return false;
  return !(roles.includes('TECH_LEAD') && techLeadSub === caller.sub);
}

const LEAVING_AUDIT = /^(trial-period|leaving-|offboarding)/;

export function withoutLeaving<
  T extends {
    steps: { id: string; kind: string; phase: string }[];
    timeline: { entityId: string; action: string }[];
    trial: unknown;
    offboarding: unknown;
  },
>(dto: T): T {
  return {
    ...dto,
    trial: null,
    offboarding: null,
    steps: dto.steps.filter((s) => !isRunLevelStep(s)),
    timeline: dto.timeline.filter(
      (e) => !LEAVING_AUDIT.test(e.entityId) && !e.action.startsWith('trial.'),
    ),
  };
}
