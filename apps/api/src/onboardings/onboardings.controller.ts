import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { CreateOnboardingDto } from './dto/create-onboarding.dto';
import { ListOnboardingsQueryDto } from './dto/list-onboardings.query.dto';
import { OnboardingDetailResponseDto } from './dto/onboarding-detail-response.dto';
import { OnboardingListResponseDto } from './dto/onboarding-list-response.dto';
import { OnboardingResponseDto } from './dto/onboarding-response.dto';
import { OnboardingsService } from './onboardings.service';
import { RunQueriesService } from './read/run-queries.service';
import { ApiUuidParam, runId } from '../http/params';

const SCOPE =
  'HR, ADMIN and HEAD_OF_DF see every run; TECH_LEAD only the runs they lead; HIRE only their ' +
  'own run (token email). IT may not read runs.';

@ApiTags('onboardings')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid token (problem+json)' })
@ApiResponse({ status: 403, description: 'Role not allowed (problem+json)' })
@ApiResponse({ status: 503, description: 'PostgreSQL or Temporal unavailable (problem+json)' })
@Controller({ path: 'onboardings', version: '1' })
export class OnboardingsController {
  constructor(
    private readonly onboardings: OnboardingsService,
    private readonly queries: RunQueriesService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('HR', 'ADMIN')
  @ApiOperation({ summary: 'Start an onboarding run (HR, ADMIN)' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    // What IdempotencyService accepts: 1–255 printable ASCII characters, else 400.
    schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[!-~]{1,255}$' },
    description:
      'Retry safely: the same key and body replay the first answer (status and body); ' +
      'the same key with another body answers 422',
  })
  @ApiResponse({ status: 201, type: OnboardingResponseDto })
  @ApiResponse({ status: 400, description: 'Invalid body (problem+json, with field paths)' })
  @ApiResponse({
    status: 409,
    description:
      'A run already exists for this hire (problem+json with `existing`), or a request with ' +
      'the same Idempotency-Key is still in progress',
  })
  @ApiResponse({ status: 422, description: 'Idempotency-Key reused with a different body' })
  async start(
    @Body() dto: CreateOnboardingDto,
    @CurrentPrincipal() caller: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OnboardingResponseDto> {
    const run = await this.onboardings.start(dto, caller, idempotencyKey);
    void reply.header('Location', run.links.self);
    return run;
  }

  @Get()
  @Roles('HR', 'ADMIN', 'HEAD_OF_DF', 'TECH_LEAD', 'HIRE')
  @ApiOperation({
    summary: 'List onboarding runs (HR, ADMIN, HEAD_OF_DF, TECH_LEAD, HIRE)',
    description: `Newest first, cursor-paginated. ${SCOPE} Filters narrow that scope, never widen it.`,
  })
  @ApiResponse({ status: 200, type: OnboardingListResponseDto })
  @ApiResponse({ status: 400, description: 'Invalid filter, limit or cursor (problem+json)' })
  list(
    @Query() query: ListOnboardingsQueryDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<OnboardingListResponseDto> {
    return this.queries.list(query, caller);
  }

  @Get(':id')
  @Roles('HR', 'ADMIN', 'HEAD_OF_DF', 'TECH_LEAD', 'HIRE')
  @ApiUuidParam('id', 'Run id')
  @ApiOperation({
    summary: 'Get an onboarding run with steps, progress, overdue tasks and timeline',
    description: `${SCOPE} A run out of the caller's sight answers 404, like a missing one.`,
  })
  @ApiResponse({ status: 200, type: OnboardingDetailResponseDto })
  @ApiResponse({ status: 400, description: 'The id is not a UUID (problem+json)' })
  @ApiResponse({ status: 404, description: 'No such run, or not visible to the caller' })
  get(
    @Param('id', runId) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<OnboardingDetailResponseDto> {
    return this.queries.detail(id, caller);
  }
}
