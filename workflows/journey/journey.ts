/** The state of one journey and the primitives every phase uses: waits, pause, phase tracking. */
import { condition, upsertSearchAttributes } from '@temporalio/workflow';
import type {
  JourneySchedule,
  OnboardingState,
  RunPhase,
  ScheduledStep,
  StepStatus,
  TaskResult,
  TaskView,
  TrialSchedule,
} from '../definitions';
import { acts } from './activities';
import { SA_PHASE, SA_STATUS, SA_TECH_LEAD } from './search-attributes';

const TERMINAL: StepStatus[] = ['DONE', 'REJECTED', 'CANCELLED', 'REVOKED'];

export class Journey {
  readonly state: OnboardingState;
  schedule!: JourneySchedule;
  readonly results = new Map<string, TaskResult>();
  readonly tasks = new Map<string, TaskView>();
  /** Grants sent to target systems, most recent last: compensation revokes them in reverse. */
  readonly granted: ScheduledStep[] = [];
  /** Grant calls not yet returned (a cancelled run waits for them before revoking). */
  grantsInFlight = 0;
  startDateChanged = false;
  /** Set when pre-boarding ends: from then on a start-date change is refused, not ignored. */
  startDateFixed = false;
  /** Orders phase projections: the read model keeps the highest sequence it has seen. */
  private progressSeq = 0;
  /** Set by pause/resume so the main loop projects the new status. */
  statusChanged = false;
  cancelRequest?: { reason: string; actor: string };
  /** Named peer guides, tour step id → subject (start input, then the assignTourGuide Update). */
  readonly tourGuides = new Map<string, string>();
  /** The trial period in force (its dates from the computeTrial activity), when the plan has one. */
  trial?: TrialSchedule;

  constructor(
    readonly runId: string,
    readonly hireId: string,
    techLeadSub: string | undefined,
    startDate: string | undefined,
  ) {
    this.state = {
      phase: 'PRE_BOARDING',
      status: 'RUNNING',
      startDate,
      techLeadSub,
      welcomeEmailSent: false,
      steps: {},
      tasks: [],
      overdue: [],
    };
  }

  step(id: string): ScheduledStep {
    const s = this.schedule.steps.find((x) => x.id === id);
    if (!s) throw new Error(`unknown step ${id}`);
    return s;
  }

  /** Resolves true when `pred` holds, false when the instant passes first. */
  async until(at: string, pred: () => boolean = () => false): Promise<boolean> {
    const ms = Date.parse(at) - Date.now();
    if (ms <= 0) return pred();
    return condition(pred, ms);
  }

  /** Blocks while HR has paused the run. */
  async whilePaused(): Promise<void> {
    await condition(() => this.state.status !== 'PAUSED');
  }

  async setStep(
    step: ScheduledStep,
    status: StepStatus,
    data?: Record<string, unknown>,
  ): Promise<void> {
    this.state.steps[step.id] = { status, dueAt: step.dueAt, kind: step.kind };
    await acts.recordStep({ runId: this.runId, step, status, data });
    await this.publishPhase();
  }

  isSettled(stepId: string): boolean {
    const status = this.state.steps[stepId]?.status;
    return status === 'DONE' || status === 'REJECTED';
  }

  isDone(stepId: string): boolean {
    return this.state.steps[stepId]?.status === 'DONE';
  }

  /** The phase of the earliest unfinished step in plan order (phases run partly in parallel). */
  phase(): RunPhase {
    if (this.state.status === 'CANCELLED' || this.state.status === 'COMPLETED')
      return this.state.status;
    if (!this.state.welcomeEmailSent || Date.now() < Date.parse(this.schedule.startAt)) {
      return 'PRE_BOARDING';
    }
    for (const s of this.schedule.steps) {
      const status = this.state.steps[s.id]?.status ?? 'PENDING';
      if (!TERMINAL.includes(status)) return s.phase;
    }
    return 'COMPLETION';
  }

  /** Projects phase and status (with extra audit details) when they changed, or when forced. */
  async publishPhase(
    extra: { reason?: string; actor?: string; techLeadSub?: string } = {},
    force = false,
  ): Promise<void> {
    const phase = this.schedule ? this.phase() : this.state.phase;
    if (phase === this.state.phase && !force) return;
    this.state.phase = phase;
    this.searchAttributes();
    const seq = ++this.progressSeq;
    await acts.recordRunProgress({
      runId: this.runId,
      status: this.state.status,
      phase,
      seq,
      ...extra,
    });
  }

  searchAttributes(): void {
    upsertSearchAttributes({
      [SA_PHASE]: [this.state.phase],
      [SA_STATUS]: [this.state.status],
      [SA_TECH_LEAD]: this.state.techLeadSub ? [this.state.techLeadSub] : [],
    });
  }

  view(): OnboardingState {
    const now = Date.now();
    const tasks = [...this.tasks.values()];
    return {
      ...this.state,
      tasks,
      overdue: tasks
        .filter((t) => t.status === 'OPEN' && Date.parse(t.dueAt) < now)
        .map((t) => t.key),
    };
  }
}
