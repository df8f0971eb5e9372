/**
 * All database access for tasks and the runs they belong to. Reads use the indexes the schema
 * declares: task (assignee_role, status, due_at), task (run_id, task_key), onboarding_run
 * (tech_lead_sub, status) and hire (email).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient, Task } from '../../../../prisma/client';
import type { OwnerRole } from '../../../../workflows/definitions';
import { PRISMA } from '../infra/tokens';
import { pinnedLeavingPlan } from '../../../../activities/leaving-plan';

const runParties = {
  id: true,
  workflowId: true,
  techLeadSub: true,
  timeZone: true,
  hire: { select: { id: true, email: true } },
} satisfies Prisma.OnboardingRunSelect;

/** Who takes part in a run: what the identity rules need to decide who may act on its tasks. */
export type RunParties = Prisma.OnboardingRunGetPayload<{ select: typeof runParties }>;
export type TaskWithRun = Task & { run: RunParties };

/** The open tasks a caller may act on: per run for the hire and the tech lead, else per role. */
export interface TaskScope {
  hireRunIds: string[];
  techLeadRunIds: string[];
  anyRunRoles: OwnerRole[];
  /** Tasks given to the caller by name (a tour's peer guide), whatever their role. */
  assigneeSub?: string;
}

/** A run as the task list needs it. */
export interface TaskRunFacts {
  definition: unknown;
  hireName: string;
}

@Injectable()
export class TasksRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Hire emails are stored lower-cased (the start DTO normalises them): an exact, indexed match. */
  async findRunIdOfHire(email: string): Promise<string | null> {
    const hire = await this.prisma.hire.findUnique({
      where: { email: email.trim().toLowerCase() },
      select: { run: { select: { id: true } } },
    });
    return hire?.run?.id ?? null;
  }

  async findRunIdsLedBy(techLeadSub: string): Promise<string[]> {
    const runs = await this.prisma.onboardingRun.findMany({
      where: { techLeadSub },
      select: { id: true },
    });
    return runs.map((r) => r.id);
  }

  findOpenTasksIn(scope: TaskScope): Promise<Task[]> {
    const or: Prisma.TaskWhereInput[] = [];
    if (scope.hireRunIds.length) or.push({ assigneeRole: 'HIRE', runId: { in: scope.hireRunIds } });
    if (scope.techLeadRunIds.length)
      or.push({ assigneeRole: 'TECH_LEAD', runId: { in: scope.techLeadRunIds } });
    if (scope.anyRunRoles.length) or.push({ assigneeRole: { in: scope.anyRunRoles } });
    if (scope.assigneeSub) or.push({ assigneeSub: scope.assigneeSub });
    if (or.length === 0) return Promise.resolve([]);
    return this.prisma.task.findMany({
      where: { status: 'OPEN', OR: or },
      orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }],
    });
  }

  /**
   * What the task list shows of each run: its plan snapshot (definition: step titles, the
   * documents of ACK_DOCUMENT tasks; each plan version read once, however many runs share it) and
   * whom it is about (the hire's name).
   */
  async findRunsOf(runIds: string[]): Promise<Map<string, TaskRunFacts>> {
    if (runIds.length === 0) return new Map();
    const runs = await this.prisma.onboardingRun.findMany({
      where: { id: { in: runIds } },
      select: { id: true, planId: true, hire: { select: { fullName: true } } },
    });
    const planIds = [...new Set(runs.flatMap((r) => (r.planId ? [r.planId] : [])))];
    const plans = await this.prisma.plan.findMany({
      where: { id: { in: planIds } },
      select: { id: true, definition: true },
    });
    const byId = new Map(plans.map((p) => [p.id, p.definition as unknown]));
    return new Map(
      runs.map((r) => [
        r.id,
        {
          definition: r.planId ? byId.get(r.planId) : undefined,
          hireName: r.hire.fullName,
        },
      ]),
    );
  }

  /** The leaving plan version each run's leaving journey pinned (titles of leaving tasks). */
  async findLeavingPlansOf(runIds: string[]): Promise<Map<string, unknown>> {
    const plans = await Promise.all(runIds.map((id) => pinnedLeavingPlan(this.prisma, id)));
    return new Map(runIds.map((id, i) => [id, plans[i]]));
  }

  findTaskWithRun(taskId: string): Promise<TaskWithRun | null> {
    return this.prisma.task.findUnique({
      where: { id: taskId },
      include: { run: { select: runParties } },
    });
  }

  findTaskById(taskId: string): Promise<Task | null> {
    return this.prisma.task.findUnique({ where: { id: taskId } });
  }

  findRunParties(runId: string): Promise<RunParties | null> {
    return this.prisma.onboardingRun.findUnique({ where: { id: runId }, select: runParties });
  }

  findTaskByKey(runId: string, taskKey: string): Promise<Task | null> {
    return this.prisma.task.findUnique({ where: { runId_taskKey: { runId, taskKey } } });
  }

  /** `<stepId>:ack:<documentId>`: document ids are unique across a plan, so one task at most. */
  findAcknowledgementTask(runId: string, documentId: string): Promise<Task | null> {
    return this.prisma.task.findFirst({
      where: { runId, kind: 'ACK_DOCUMENT', taskKey: { endsWith: `:ack:${documentId}` } },
    });
  }

  /** Every review round of a checkpoint (`<stepId>:review:<round>`). */
  /** The rounds of a trial task: `trial-period:decision:<n>` or `trial-period:cosign:<n>`. */
  findTrialTasks(runId: string, kind: 'TRIAL_DECISION' | 'COSIGN_TRIAL_END'): Promise<Task[]> {
    return this.prisma.task.findMany({ where: { runId, kind } });
  }

  findReviewTasks(runId: string, stepId: string): Promise<Task[]> {
    return this.prisma.task.findMany({
      where: { runId, kind: 'REVIEW_CHECKPOINT', taskKey: { startsWith: `${stepId}:review:` } },
    });
  }
}
