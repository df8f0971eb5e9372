/**
 * The caller's tasks, read from the task table only (never a workflow query), and their
 * completion: object-level check here, then the workflow's completeTask Update, whose handler
 * records the completion before it answers; the answer is the task as recorded.
 */
import { Injectable } from '@nestjs/common';
import type { Task } from '../../../../prisma/client';
import { LEAVING_STEP_PREFIX } from '../../../../domain/i18n/plan-text';
import {
  completeTaskUpdate,
  workflowIdForTask,
  type TaskKind,
  type TaskPayload,
} from '../../../../workflows/definitions';
import type { Principal } from '../auth/roles';
import { TemporalGateway } from '../infra/temporal-gateway';
import { DateRulesService } from '../http/date-rules.service';
import { ProblemException } from '../http/problem';
import { CallerScope } from './caller-scope';
import { TaskResponseDto } from './dto/task-response.dto';
import { stepTitleOf, taskDocument } from './task-document';
import { validatePayload } from './task-payload';
import { TasksRepository, type RunParties } from './tasks.repository';

@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly scope: CallerScope,
    private readonly temporal: TemporalGateway,
    private readonly dates: DateRulesService,
  ) {}

  async listMine(caller: Principal): Promise<TaskResponseDto[]> {
    const open = await this.tasks.findOpenTasksIn(await this.scope.taskScopeOf(caller));
    const now = new Date();
    const runs = await this.tasks.findRunsOf([...new Set(open.map((t) => t.runId))]);
    const leaving = (t: { stepId: string }) => t.stepId.startsWith(LEAVING_STEP_PREFIX);
    const leavingPlans = await this.tasks.findLeavingPlansOf([
      ...new Set(open.filter(leaving).map((t) => t.runId)),
    ]);
    return open.map((t) => {
      const run = runs.get(t.runId);
      const definition = run?.definition;
      const document = taskDocument(t, definition);
      return {
        ...TaskResponseDto.map(t, now),
        stepTitle: stepTitleOf(leaving(t) ? leavingPlans.get(t.runId) : definition, t.stepId),
        hireName: run?.hireName ?? null,
        ...(document ? { document } : {}),
      };
    });
  }

  /** A task the caller may not act on is answered like a missing one (404): ids are not probed. */
  async complete(taskId: string, body: unknown, caller: Principal): Promise<TaskResponseDto> {
    const task = await this.tasks.findTaskWithRun(taskId);
    if (!task || !this.scope.mayActOnTask(caller, task, task.run)) {
      throw ProblemException.notFound(`Task ${taskId}`);
    }
    const payload = await validatePayload(task.kind as TaskKind, body);
    return this.completeAs(caller, task, task.run, payload);
  }

  /** Sends the Update; refusals come back as 409/422 problems (TemporalGateway). */
  async completeAs(
    caller: Principal,
    task: Task,
    run: RunParties,
    payload: TaskPayload,
  ): Promise<TaskResponseDto> {
    // The date rule for an extension (after today, within the horizon), before the workflow.
    if (payload.decision === 'EXTEND' && payload.newDate !== undefined) {
      this.dates.assertLaterDate('newDate', payload.newDate, run.timeZone);
    }
    await this.temporal.update(
      workflowIdForTask(run.workflowId, task.taskKey),
      completeTaskUpdate,
      {
        taskKey: task.taskKey,
        actor: this.scope.actorFor(caller, task.assigneeRole, run),
        payload,
      },
    );
    const recorded = await this.tasks.findTaskById(task.id);
    return TaskResponseDto.map(recorded ?? task);
  }

  static notOpen(what: string): ProblemException {
    return ProblemException.conflict(`${what} is not open (not yet due, or unknown)`, {
      code: 'TaskNotOpen',
    });
  }
}
