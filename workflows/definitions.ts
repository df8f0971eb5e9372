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
/** TRIAL and OFFBOARDING are run-level steps (not plan steps): the trial and the leaving journey. */
export type StepKind =
  | 'ACCESS_GRANT'
  | 'DOCUMENT_ACK'
  | 'CODEBASE_TOUR'
  | 'CHECKPOINT'
  | 'TASK'
  | 'TRIAL'
  | 'OFFBOARDING';
export type TaskKind =
  | 'ACK_DOCUMENT'
  | 'ATTEND_TOUR'
  | 'CONFIRM_TOUR'
  | 'SELF_ASSESSMENT'
  | 'REVIEW_CHECKPOINT'
  | 'APPROVE_ACCESS'
  | 'PROVISION_ACCESS'
  | 'GENERIC'
  | 'TRIAL_DECISION'
  | 'COSIGN_TRIAL_END';
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
  /** The trial period, when the plan declares one (docs/journey.md, "End of the trial period"). */
  trial?: TrialView;
}

export type TrialDecision = 'CONFIRM' | 'RENEW' | 'END';
export type TrialStatus =
  'RUNNING' | 'DECISION_OPEN' | 'AWAITING_COSIGN' | 'CONFIRMED' | 'ENDED' | 'LAPSED';

export interface TrialView {
  status: TrialStatus;
  endDate: string;
  lastWorkingDay: string;
  renewed: boolean;
  renewable: boolean;
  noticeDays: number;
  /** The decided last working day when the trial was ended. */
  lastDay?: string;
}

/** A trial's dates, computed by the computeTrial activity (never in workflow code). */
export interface TrialSchedule {
  /** Run-level step `trial-period`: opens with the decision, due the day before the last one. */
  step: ScheduledStep;
  from: string;
  endDate: string;
  lastWorkingDay: string;
  endsAt: string;
  renewable: boolean;
  renewed: boolean;
  noticeDays: number;
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
  /** TRIAL_DECISION: CONFIRM, RENEW (with `newDate`, the new end date) or END (`reason`, `lastDay`). */
  trialDecision?: TrialDecision;
  /** TRIAL_DECISION END: the last working day of the person (YYYY-MM-DD). */
  lastDay?: string;
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

/** The leaving journey of a person: its own workflow, one per person (docs/journey.md). */
export const OFFBOARDING_WORKFLOW_ID_PREFIX = 'offboarding-';

export function offboardingWorkflowId(hireId: string): string {
  return `${OFFBOARDING_WORKFLOW_ID_PREFIX}${hireId}`;
}

/** Ids and dates only: the reason is written to PostgreSQL by the API, not carried here. */
export interface OffboardEmployeeInput {
  runId: string;
  hireId: string;
  techLeadSub?: string;
  /** Last working day (YYYY-MM-DD, Africa/Lome): access is revoked at its end of working day. */
  lastDay: string;
  /** Who started it: `hr:<sub>` through the API, or `trial-end` from the onboarding workflow. */
  startedBy: string;
  /** HR on a run, an ended trial, or HR for a person with no onboarding run (`POST /v1/offboardings`). */
  source: 'HR' | 'TRIAL_END' | 'DIRECT';
  /**
   * The leaving plan version pinned by the API at start. Absent (ended trials, journeys started
   * before this field): the latest version when `computeLeaving` runs, recorded in its result.
   */
  leavingPlan?: { key: string; version: number };
  /** Ask the connectors which configured systems the person still holds (no onboarding run). */
  discover?: boolean;
}

/** What `discoverGrants` found and recorded as grants to revoke (no personal data). */
export interface DiscoveredGrants {
  found: { stepId: string; system: string }[];
  /** Systems that cannot be asked (manual, or no lookup): their grants must be given. */
  notAsked: string[];
  /** Systems whose lookup failed (IT is told through the audit trail). */
  failed: string[];
}

export type OffboardingStatus =
  'SCHEDULED' | 'REVOKING' | 'VERIFYING' | 'DRIFT' | 'REVOKED' | 'COMPLETED';

export interface OffboardingView {
  status: OffboardingStatus;
  lastDay: string;
  revokeAt?: string;
  emergency: boolean;
  /** Verification rounds run after the revocation (drift repeats them). */
  verifications: number;
  tasks: TaskView[];
}

/** The leaving plan's dates, computed by the computeLeaving activity. */
export interface LeavingSchedule {
  planKey: string;
  planVersion: number;
  /** End of working day of the last day, in the run's time zone. */
  revokeAt: string;
  /** Minutes between verification rounds while drift remains. */
  retryMinutes: number;
  steps: ScheduledStep[];
}

/** The workflow that holds a task: leaving tasks (`leaving-…`) are the leaving journey's. */
export function workflowIdForTask(runWorkflowId: string, taskKey: string): string {
  return taskKey.startsWith('leaving-')
    ? runWorkflowId.replace(WORKFLOW_ID_PREFIX, OFFBOARDING_WORKFLOW_ID_PREFIX)
    : runWorkflowId;
}

export const getOffboardingQuery = defineQuery<OffboardingView>('getOffboarding');
export const revokeNowUpdate = defineUpdate<void, [{ reason: string; actor: Actor }]>('revokeNow');
