/**
 * Names shared by the workflow, the worker and the API: workflow ids, messages, input and state
 * types. Deterministic code only (imported into the workflow sandbox).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

export const WORKFLOW_ID_PREFIX = 'onboarding-';

/** The business key: one workflow per hire, so a second start for the same hire cannot run twice. */
export function onboardingWorkflowId(hireId: string): string {
  return `${WORKFLOW_ID_PREFIX}${hireId}`;
}

/** How a hire acts in the workflow: the API maps a verified hire to this subject. */
export function hireActor(hireId: string): string {
  return `hire:${hireId}`;
}

export type OwnerRole = 'HIRE' | 'TECH_LEAD' | 'HR' | 'IT' | 'HEAD_OF_DF';
export type StepKind = 'ACCESS_GRANT' | 'DOCUMENT_ACK' | 'CODEBASE_TOUR' | 'CHECKPOINT' | 'TASK';
export type TaskKind =
  | 'ACK_DOCUMENT'
  | 'ATTEND_TOUR'
  | 'CONFIRM_TOUR'
  | 'SELF_ASSESSMENT'
  | 'REVIEW_CHECKPOINT'
  | 'APPROVE_ACCESS'
  | 'PROVISION_ACCESS'
  | 'GENERIC';
export type StepStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'AWAITING_APPROVAL'
  | 'DONE'
  | 'REJECTED'
  | 'ESCALATED'
  | 'CANCELLED'
  | 'REVOKED';
/**
 * PRE_BOARDING until the first day, then the plan phase (its id in UPPER_SNAKE case, e.g.
 * SECURITY_SIGN_OFF) of the earliest unfinished step, then COMPLETION, COMPLETED or CANCELLED.
 */
export type RunPhase = string;

/** A step of the plan snapshot with its dates resolved (by the computeSchedule activity). */
export interface ScheduledStep {
  id: string;
  kind: StepKind;
  phase: RunPhase;
  owner: OwnerRole;
  /** When the step's task(s) open (ISO instant). */
  opensAt: string;
  dueAt: string;
  dependsOn: string[];
  reminders: string[];
  escalations: { at: string; to: OwnerRole }[];
  grant?: { system: string; scope: string; requiresApproval: boolean };
  documents?: { id: string; version: string; contentHash: string }[];
  /**
   * `peer`: the plan gives the tour to a peer, named by HR per run (`tourGuides`, the
   * assignTourGuide Update); until one is named the guide role (the tech lead) guides.
   */
  tour?: { guideRole: OwnerRole; guideSub?: string; peer?: boolean };
  checkpoint?: { day: number };
}

export interface JourneySchedule {
  /** Plan phases in order (UPPER_SNAKE ids). */
  phases: string[];
  welcomeAt: string;
  startAt: string;
  steps: ScheduledStep[];
}

/**
 * Workflow input carries identifiers and the plan snapshot only: names and emails stay in
 * PostgreSQL, out of the Temporal history and search attributes.
 */
export interface OnboardHireInput {
  runId: string;
  hireId: string;
  /** Plan version snapshotted when the run started (id of the immutable `plan` row). */
  planId?: string;
  startDate?: string;
  timeZone?: string;
  techLeadSub?: string;
  /**
   * Peer guides named at start, step id → subject (`sub`) of the peer. Subjects only: the peer's
   * name, email and language stay in PostgreSQL (`tour_guide`).
   */
  tourGuides?: Record<string, string>;
}

export interface Actor {
  sub: string;
  roles: string[];
}

export interface TaskView {
  key: string;
  stepId: string;
  kind: TaskKind;
  assignee: OwnerRole;
  dueAt: string;
  status: 'OPEN' | 'DONE' | 'CANCELLED';
  /** For ACK_DOCUMENT tasks: the document to acknowledge. */
  documentId?: string;
  /**
   * A task given to one person rather than a role (a tour confirmed by its named peer guide).
   * The `assignee` role stays the fallback: see docs/journey.md.
   */
  assigneeSub?: string;
}

export interface OnboardingState {
  phase: RunPhase;
  status: 'RUNNING' | 'PAUSED' | 'COMPLETED' | 'CANCELLED';
  startDate?: string;
  techLeadSub?: string;
  welcomeEmailSent: boolean;
  steps: Record<string, { status: StepStatus; dueAt: string; kind: StepKind }>;
  tasks: TaskView[];
  overdue: string[];
}

export interface CompleteTaskInput {
  taskKey: string;
  actor: Actor;
  /** Kind-specific: see docs/journey.md ("Task payloads"). */
  payload: TaskPayload;
}

export type CheckpointDecision = 'APPROVE' | 'EXTEND' | 'ESCALATE';

export interface TaskPayload {
  approve?: boolean;
  reason?: string;
  reflection?: string;
  assessment?: string;
  decision?: CheckpointDecision;
  newDate?: string;
  notes?: string;
  documentVersion?: string;
  contentHash?: string;
  externalRef?: string;
}

export interface TaskResult {
  taskKey: string;
  completedBy: string;
  payload: TaskPayload;
}

export const getStateQuery = defineQuery<OnboardingState>('getState');
export const completeTaskUpdate = defineUpdate<TaskResult, [CompleteTaskInput]>('completeTask');
export const cancelRunUpdate = defineUpdate<void, [{ reason: string; actor: Actor }]>('cancelRun');
export const pauseSignal = defineSignal<[{ actor: Actor }]>('pause');
export const resumeSignal = defineSignal<[{ actor: Actor }]>('resume');
export const changeStartDateUpdate = defineUpdate<void, [{ startDate: string; actor: Actor }]>(
  'changeStartDate',
);
export const reassignTechLeadUpdate = defineUpdate<void, [{ techLeadSub: string; actor: Actor }]>(
  'reassignTechLead',
);
export const assignTourGuideUpdate = defineUpdate<
  void,
  [{ stepId: string; guideSub: string; actor: Actor }]
>('assignTourGuide');

/** One recorded grant compared with its target system (the verifyRunAccess activity). */
export interface AccessCheck {
  stepId: string;
  system: string;
  /** What the run recorded: GRANTED, REVOKED, or ABSENT when nothing was recorded. */
  expected: 'GRANTED' | 'REVOKED' | 'ABSENT';
  /** What the target shows; UNKNOWN for manual systems, ERROR when the connector failed. */
  observed: 'PRESENT' | 'ABSENT' | 'UNKNOWN' | 'ERROR';
  drift: boolean;
  error?: string;
}

export interface AccessReport {
  runId: string;
  /** Idempotency key of the verification: `api:<requestId>` or `<checkpointStepId>:<round>`. */
  key: string;
  verifiedAt: string;
  drift: boolean;
  checks: AccessCheck[];
}

export interface VerifyAccessInput {
  runId: string;
  key: string;
  /** Subject that asked (`system:workflow` at checkpoints). */
  actor: string;
}

/** Short workflow run by the API for an on-demand verification (id `access-verify-<runId>-<uuid>`). */
export const VERIFY_WORKFLOW_ID_PREFIX = 'access-verify-';
