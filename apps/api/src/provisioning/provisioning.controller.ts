/** /v1/provisioning/…: IT's queue of grants to do, failed grants and drift, and grant retries. */
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { ApiProblems } from '../http/api-problems';
import { ApiPlanIdParam, ApiUuidParam, planIdParam, uuidParam } from '../http/params';
import {
  ProvisioningPageDto,
  ProvisioningQueueQueryDto,
  RetryGrantResponseDto,
} from './dto/provisioning.dto';
import { ProvisioningService } from './provisioning.service';

@ApiTags('provisioning')
@ApiBearerAuth()
@Controller({ path: 'provisioning', version: '1' })
export class ProvisioningController {
  constructor(private readonly provisioning: ProvisioningService) {}

  @Get('queue')
  @Roles('IT', 'ADMIN')
  @ApiOperation({
    summary: "IT's provisioning queue, one kind at a time (IT, ADMIN)",
    description:
      'MANUAL and FAILED list the open PROVISION_ACCESS tasks (complete them with POST ' +
      '/v1/tasks/{taskId}/complete and an externalRef; retry a FAILED one with POST …/retry), due ' +
      'first. DRIFT lists the checks that differ in the latest verification of each run, newest ' +
      'first (verify again with POST /v1/onboardings/{id}/access/verify). Offset paging.',
  })
  @ApiResponse({ status: 200, type: ProvisioningPageDto })
  @ApiProblems({ 400: 'kind, limit or offset invalid (problem+json, errors[] by field)' })
  queue(@Query() query: ProvisioningQueueQueryDto): Promise<ProvisioningPageDto> {
    return this.provisioning.queue(query.kind, query.limit, query.offset);
  }

  @Post('runs/:runId/grants/:stepId/retry')
  @HttpCode(200)
  @Roles('IT')
  @ApiUuidParam('runId', 'Run id')
  @ApiPlanIdParam('stepId', 'The grant step')
  @ApiOperation({
    summary: 'Retry a grant whose connector failed (IT)',
    description:
      'Calls the connector again through the worker; on success completes the manual task ' +
      'with the reference, as IT would by hand. Idempotent: a grant already done answers ' +
      'ALREADY_GRANTED. Audited as access.grant_retried (GRANTED or FAILED).',
  })
  @ApiResponse({ status: 200, type: RetryGrantResponseDto })
  @ApiProblems({
    400: 'runId or stepId malformed',
    404: 'No manual task for this grant',
    409: 'Not a failed grant (NotAFailedGrant), a retry under way (RetryUnderWay), or a system without connector (ManualSystem)',
    422: 'The connector failed again (GrantFailed, detail says why); the task stays open',
  })
  retry(
    @Param('runId', uuidParam('runId')) runId: string,
    @Param('stepId', planIdParam('stepId')) stepId: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<RetryGrantResponseDto> {
    return this.provisioning.retry(runId, stepId, caller);
  }
}
