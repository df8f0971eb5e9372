/**
 * IT's provisioning queue (manual grants, failed grants, drift) and the retry of a failed grant.
 * A retry runs the short retryAccessGrant workflow on the worker (the only holder of connector
 * secrets); on success it completes the grant's manual task through the journey's completeTask
 * Update with the connector's reference, so the run records the grant as if IT had confirmed it.
 * Every retry is audited (`access.grant_retried`, outcome GRANTED or FAILED); a retry of a grant
 * already done answers ALREADY_GRANTED and changes nothing.
 */
import { Injectable } from '@nestjs/common';
import type { GrantResult } from '../../../../activities/provisioning.activities';
import type { PlanFile } from '../../../../domain/plans/plan.schema';
import {
  RETRY_GRANT_WORKFLOW_ID_PREFIX,
  type RetryGrantInput,
} from '../../../../workflows/definitions';
import type { retryAccessGrant } from '../../../../workflows/retry-grant.workflow';
import type { Principal } from '../auth/roles';
import { TemporalGateway } from '../infra/temporal-gateway';
import { ProblemException, ProblemType } from '../http/problem';
import { TaskResponseDto } from '../tasks/dto/task-response.dto';
import { stepTitleOf } from '../tasks/task-document';
import { TasksService } from '../tasks/tasks.service';
import type { ProvisioningPageDto, QueueKind, RetryGrantResponseDto } from './dto/provisioning.dto';
import { ProvisioningRepository } from './provisioning.repository';

/** The grant of a plan step (system and scope) in a run's plan snapshot. */
function grantOf(plan: unknown, stepId: string): { system: string; scope: string } | null {
  const step = (plan as PlanFile | undefined)?.phases
    .flatMap((p) => p.steps)
    .find((s) => s.id === stepId);
  return step?.kind === 'ACCESS_GRANT' ? step.grant : null;
}

@Injectable()
export class ProvisioningService {
  constructor(
    private readonly repo: ProvisioningRepository,
    private readonly tasks: TasksService,
    private readonly temporal: TemporalGateway,
  ) {}

  async queue(
    kind: QueueKind,
    limit: number,
    offset: number,
    now = new Date(),
  ): Promise<ProvisioningPageDto> {
    if (kind === 'DRIFT') {
      const { rows, total } = await this.repo.findDrifts(limit, offset);
      const items = rows.map((r) => ({
        kind,
        runId: r.run_id,
        hireName: r.hire_name,
        stepId: r.step_id,
        stepTitle: stepTitleOf(r.plan, r.step_id),
        system: r.system,
        scope: grantOf(r.plan, r.step_id)?.scope ?? null,
        expected: r.expected,
        observed: r.observed,
        verifiedAt: r.verified_at.toISOString(),
        runStatus: r.run_status,
      }));
      return { items, total, limit, offset };
    }
    const { rows, total } = await this.repo.findGrantTasks(kind === 'FAILED', limit, offset);
    const items = rows.map((r) => {
      const grant = grantOf(r.plan, r.step_id);
      return {
        kind,
        runId: r.run_id,
        hireName: r.hire_name,
        stepId: r.step_id,
        stepTitle: stepTitleOf(r.plan, r.step_id),
        system: grant?.system ?? '?',
        scope: grant?.scope ?? null,
        taskId: r.task_id,
        dueAt: r.due_at?.toISOString() ?? null,
        overdue: r.due_at !== null && r.due_at < now,
      };
    });
    return { items, total, limit, offset };
  }

  async retry(runId: string, stepId: string, caller: Principal): Promise<RetryGrantResponseDto> {
    const found = await this.repo.findGrantTask(runId, stepId);
    if (!found) throw ProblemException.notFound(`Grant ${stepId} of run ${runId}`);
    const { task, run, failed } = found;
    if (task.status === 'DONE') {
      const ref = (task.result as { externalRef?: string } | null)?.externalRef ?? null;
      return { outcome: 'ALREADY_GRANTED', externalRef: ref, task: TaskResponseDto.map(task) };
    }
    const grant = grantOf(run.plan?.definition, stepId);
    if (task.status !== 'OPEN' || !failed || !grant)
      throw ProblemException.conflict(
        'Only a grant whose connector failed can be retried; a manual grant is done by hand',
        { code: 'NotAFailedGrant' },
      );
    const result = await this.sendGrant({ runId, stepId, ...grant }, caller);
    if (result.mode !== 'AUTOMATIC')
      throw ProblemException.conflict(
        `${grant.system} has no connector any more: grant it by hand`,
        {
          code: 'ManualSystem',
        },
      );
    const externalRef = result.externalRef ?? null;
    await this.repo.auditRetry(runId, stepId, caller.sub, { outcome: 'GRANTED', externalRef });
    // The manual task wants a reference: a connector that gave none is named instead.
    const done = await this.tasks.completeAs(caller, task, run, {
      externalRef: externalRef ?? `${grant.system} (connector)`,
    });
    return { outcome: 'GRANTED', externalRef, task: done };
  }

  private async sendGrant(input: RetryGrantInput, caller: Principal): Promise<GrantResult> {
    const retry = await this.temporal.execute<typeof retryAccessGrant>(
      'retryAccessGrant',
      `${RETRY_GRANT_WORKFLOW_ID_PREFIX}${input.runId}:${input.stepId}`,
      [input],
      '2 minutes',
    );
    if (retry.outcome === 'COMPLETED') return retry.result;
    if (retry.outcome === 'ALREADY_RUNNING')
      throw ProblemException.conflict('A retry of this grant is under way', {
        code: 'RetryUnderWay',
      });
    // The connector's message names the system and the failure, never a secret.
    const reason = retry.reason.slice(0, 300);
    await this.repo.auditRetry(input.runId, input.stepId, caller.sub, {
      outcome: 'FAILED',
      reason,
    });
    throw new ProblemException({
      type: ProblemType.UNPROCESSABLE,
      title: 'The grant failed again',
      status: 422,
      detail: reason,
      code: 'GrantFailed',
    });
  }
}
