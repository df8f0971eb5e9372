/**
 * Run-scoped human steps under /v1/onboardings/{runId}/… . A controller of its own: the runs
 * controller owns /v1/onboardings, /{id} and the run controls; Nest merges the routes.
 */
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { ApiProblems } from '../http/api-problems';
import { DecisionsService } from './decisions.service';
import { AcknowledgeDocumentDto } from './dto/acknowledge-document.dto';
import { AccessDecisionDto, CheckpointDecisionDto } from './dto/task-payload.dto';
import { TaskResponseDto } from './dto/task-response.dto';
import { TrialDecisionDto } from './dto/trial-payload.dto';
import { ApiPlanIdParam, ApiUuidParam, planIdParam, uuidParam } from '../http/params';

const DECISION_PROBLEMS = {
  400: 'Invalid body (problem+json with field paths)',
  404: 'No such run, or the caller is neither its tech lead nor the head of DF',
  409: 'No open task for this step (not yet due), decided differently before, or run closed',
  422: 'Refused by the workflow as invalid (e.g. EXTEND without a later date)',
};

@ApiTags('tasks')
@ApiBearerAuth()
@Controller({ path: 'onboardings', version: '1' })
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post(':runId/documents/:documentId/acknowledge')
  @HttpCode(200)
  @Roles('HIRE')
  @ApiUuidParam('runId', 'Run id')
  @ApiPlanIdParam('documentId', 'Security document id')
  @ApiOperation({
    summary: 'Acknowledge a security document (HIRE of this run)',
    description: 'Completes the task `<stepId>:ack:<documentId>` of the run.',
  })
  @ApiResponse({ status: 200, type: TaskResponseDto })
  @ApiProblems({
    400: 'Invalid body (problem+json with field paths)',
    403: 'Not a HIRE, or a hire token without an email claim',
    404: 'No such run, or not the caller’s own run',
    409: 'The document step is not open yet, or already acknowledged differently',
    422: 'The version or content hash is not the current document',
  })
  acknowledge(
    @Param('runId', uuidParam('runId')) runId: string,
    @Param('documentId', planIdParam('documentId')) documentId: string,
    @Body() dto: AcknowledgeDocumentDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TaskResponseDto> {
    return this.decisions.acknowledge(runId, documentId, dto, caller);
  }

  @Post(':runId/access-requests/:stepId/decision')
  @HttpCode(200)
  @Roles('TECH_LEAD', 'HEAD_OF_DF')
  @ApiUuidParam('runId', 'Run id')
  @ApiPlanIdParam('stepId', 'Access-request step id')
  @ApiOperation({
    summary: 'Approve or refuse an access request (TECH_LEAD of the run, HEAD_OF_DF)',
    description: 'Completes the task `<stepId>:approval`; idempotent for the same body.',
  })
  @ApiResponse({ status: 200, type: TaskResponseDto })
  @ApiProblems(DECISION_PROBLEMS)
  decideAccess(
    @Param('runId', uuidParam('runId')) runId: string,
    @Param('stepId', planIdParam('stepId')) stepId: string,
    @Body() dto: AccessDecisionDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TaskResponseDto> {
    return this.decisions.decideAccess(runId, stepId, dto, caller);
  }

  @Post(':runId/checkpoints/:stepId/decision')
  @HttpCode(200)
  @Roles('TECH_LEAD', 'HEAD_OF_DF')
  @ApiUuidParam('runId', 'Run id')
  @ApiPlanIdParam('stepId', 'Checkpoint step id')
  @ApiOperation({
    summary: 'Decide a checkpoint: APPROVE, EXTEND or ESCALATE (TECH_LEAD of the run, HEAD_OF_DF)',
    description:
      'Completes the latest review round `<stepId>:review:<round>`; EXTEND needs newDate. ' +
      'Idempotent for the same body.',
  })
  @ApiResponse({ status: 200, type: TaskResponseDto })
  @ApiProblems(DECISION_PROBLEMS)
  decideCheckpoint(
    @Param('runId', uuidParam('runId')) runId: string,
    @Param('stepId', planIdParam('stepId')) stepId: string,
    @Body() dto: CheckpointDecisionDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TaskResponseDto> {
    return this.decisions.decideCheckpoint(runId, stepId, dto, caller);
  }

  @Post(':runId/trial/decision')
  @HttpCode(200)
  @Roles('TECH_LEAD', 'HEAD_OF_DF')
  @ApiUuidParam('runId', 'Run id')
  @ApiOperation({
    summary:
      'Decide the end of the trial: CONFIRM, RENEW or END (TECH_LEAD of the run, HEAD_OF_DF)',
    description:
      'Completes the latest round `trial-period:decision:<round>`; RENEW needs newDate (once, ' +
      'if the plan allows), END needs reason and lastDay. Idempotent for the same body.',
  })
  @ApiResponse({ status: 200, type: TaskResponseDto })
  @ApiProblems(DECISION_PROBLEMS)
  decideTrial(
    @Param('runId', uuidParam('runId')) runId: string,
    @Body() dto: TrialDecisionDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TaskResponseDto> {
    return this.decisions.decideTrial(runId, dto, caller);
  }

  @Post(':runId/trial/cosign')
  @HttpCode(200)
  @Roles('HEAD_OF_DF')
  @ApiUuidParam('runId', 'Run id')
  @ApiOperation({
    summary: 'Co-sign (or refuse) the end of the trial (HEAD_OF_DF)',
    description:
      'Completes the latest round `trial-period:cosign:<round>`: approve starts the leaving ' +
      'journey with the decided last day; a refusal opens the decision again.',
  })
  @ApiResponse({ status: 200, type: TaskResponseDto })
  @ApiProblems({ ...DECISION_PROBLEMS, 404: 'No such run' })
  cosignTrialEnd(
    @Param('runId', uuidParam('runId')) runId: string,
    @Body() dto: AccessDecisionDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TaskResponseDto> {
    return this.decisions.cosignTrialEnd(runId, dto, caller);
  }
}
