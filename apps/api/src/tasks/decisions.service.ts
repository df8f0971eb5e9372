/**
 * The dedicated endpoints of a run's human steps: the hire's document acknowledgement, the tech
 * lead's access approval and checkpoint review. Each finds its task in the task table and
 * completes it like POST /v1/tasks/{id}/complete would.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/roles';
import { ProblemException } from '../http/problem';
import { CallerScope } from './caller-scope';
import type { AcknowledgeDocumentDto } from './dto/acknowledge-document.dto';
import type { AccessDecisionDto, CheckpointDecisionDto } from './dto/task-payload.dto';
import type { TaskResponseDto } from './dto/task-response.dto';
import type { TrialDecisionDto } from './dto/trial-payload.dto';
import { payloadOf } from './task-payload';
import { TasksRepository, type RunParties } from './tasks.repository';
import { TasksService } from './tasks.service';

const roundOf = (taskKey: string) => Number(taskKey.slice(taskKey.lastIndexOf(':') + 1));
const latestRound = <T extends { taskKey: string }>(tasks: T[]): T | undefined =>
  tasks.sort((a, b) => roundOf(b.taskKey) - roundOf(a.taskKey))[0];

@Injectable()
export class DecisionsService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly scope: CallerScope,
    private readonly completion: TasksService,
  ) {}

  async acknowledge(
    runId: string,
    documentId: string,
    dto: AcknowledgeDocumentDto,
    caller: Principal,
  ): Promise<TaskResponseDto> {
    const run = await this.runOf(runId, (r) => this.scope.isHireOf(caller, r));
    const task = await this.tasks.findAcknowledgementTask(run.id, documentId);
    if (!task) throw TasksService.notOpen(`The acknowledgement of document ${documentId}`);
    const payload = payloadOf.ack({ documentVersion: dto.version, contentHash: dto.contentHash });
    return this.completion.completeAs(caller, task, run, payload);
  }

  async decideAccess(
    runId: string,
    stepId: string,
    dto: AccessDecisionDto,
    caller: Principal,
  ): Promise<TaskResponseDto> {
    const run = await this.runOf(runId, (r) => this.scope.mayDecideFor(caller, r));
    const task = await this.tasks.findTaskByKey(run.id, `${stepId}:approval`);
    if (!task) throw TasksService.notOpen(`The access request ${stepId}`);
    return this.completion.completeAs(caller, task, run, payloadOf.access(dto));
  }

  /** The latest review round: open, or already decided (a repeated decision is idempotent). */
  async decideCheckpoint(
    runId: string,
    stepId: string,
    dto: CheckpointDecisionDto,
    caller: Principal,
  ): Promise<TaskResponseDto> {
    const run = await this.runOf(runId, (r) => this.scope.mayDecideFor(caller, r));
    const rounds = await this.tasks.findReviewTasks(run.id, stepId);
    const latest = rounds.sort((a, b) => roundOf(b.taskKey) - roundOf(a.taskKey))[0];
    if (!latest) throw TasksService.notOpen(`The review of checkpoint ${stepId}`);
    return this.completion.completeAs(caller, latest, run, payloadOf.checkpoint(dto));
  }

  /** Runs the caller has no part in are answered like missing ones (404). */
  /** The latest round of the trial decision (tech lead of the run, head of DF). */
  async decideTrial(
    runId: string,
    dto: TrialDecisionDto,
    caller: Principal,
  ): Promise<TaskResponseDto> {
    const run = await this.runOf(runId, (r) => this.scope.mayDecideFor(caller, r));
    const latest = latestRound(await this.tasks.findTrialTasks(run.id, 'TRIAL_DECISION'));
    if (!latest) throw TasksService.notOpen('The trial decision');
    return this.completion.completeAs(caller, latest, run, payloadOf.trial(dto));
  }

  /** The head of DF co-signs (or refuses) the latest END of the trial. */
  async cosignTrialEnd(
    runId: string,
    dto: AccessDecisionDto,
    caller: Principal,
  ): Promise<TaskResponseDto> {
    const run = await this.runOf(runId, () => caller.roles.includes('HEAD_OF_DF'));
    const latest = latestRound(await this.tasks.findTrialTasks(run.id, 'COSIGN_TRIAL_END'));
    if (!latest) throw TasksService.notOpen('The co-signature of the end of the trial');
    return this.completion.completeAs(caller, latest, run, payloadOf.access(dto));
  }

  private async runOf(runId: string, takesPart: (run: RunParties) => boolean): Promise<RunParties> {
    const run = await this.tasks.findRunParties(runId);
    if (!run || !takesPart(run)) throw ProblemException.notFound(`Onboarding run ${runId}`);
    return run;
  }
}
