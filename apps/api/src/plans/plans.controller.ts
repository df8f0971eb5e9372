import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Res,
  type PipeTransform,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { ProblemException } from '../http/problem';
import { ApiProblems } from '../http/api-problems';
import { ApiPlanIdParam, planIdParam } from '../http/params';
import { PlanResponseDto, PlanSummaryDto } from './dto/plan-response.dto';
import { PlansService } from './plans.service';

const planKey = planIdParam('key');
const MAX_VERSION = 100_000; // the plan format's bound (domain/plans/plan.schema.ts)
/** A version in the plan format's range: a larger integer would overflow the int4 column (500). */
const versionNumber: PipeTransform<string, number> = {
  transform(value: string): number {
    const n = /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
    if (!(n >= 1 && n <= MAX_VERSION)) {
      throw ProblemException.validation([
        { name: 'version', reason: `must be an integer from 1 to ${MAX_VERSION}` },
      ]);
    }
    return n;
  },
};

@ApiTags('plans')
@ApiBearerAuth()
@Controller({ path: 'plans', version: '1' })
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @Roles('HR', 'ADMIN', 'HEAD_OF_DF', 'TECH_LEAD')
  @ApiOperation({
    summary: 'Plan keys with their latest version (HR, ADMIN, HEAD_OF_DF, TECH_LEAD)',
  })
  @ApiResponse({ status: 200, type: [PlanSummaryDto] })
  @ApiProblems({})
  list(): Promise<PlanSummaryDto[]> {
    return this.plans.list();
  }

  @Get(':key')
  @Roles('HR', 'ADMIN', 'HEAD_OF_DF', 'TECH_LEAD')
  @ApiPlanIdParam('key', 'Plan key')
  @ApiOperation({ summary: 'The latest version of a plan (HR, ADMIN, HEAD_OF_DF, TECH_LEAD)' })
  @ApiResponse({ status: 200, type: PlanResponseDto })
  @ApiProblems({ 400: 'Not a plan key (kebab-case)', 404: 'No such plan' })
  latest(@Param('key', planKey) key: string): Promise<PlanResponseDto> {
    return this.plans.latest(key);
  }

  @Get(':key/versions/:version')
  @Roles('HR', 'ADMIN', 'HEAD_OF_DF', 'TECH_LEAD')
  @ApiPlanIdParam('key', 'Plan key')
  @ApiOperation({ summary: 'One version of a plan (HR, ADMIN, HEAD_OF_DF, TECH_LEAD)' })
  @ApiResponse({ status: 200, type: PlanResponseDto })
  @ApiProblems({ 400: 'Not a plan key or version', 404: 'No such plan version' })
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1, maximum: MAX_VERSION } })
  version(
    @Param('key', planKey) key: string,
    @Param('version', versionNumber) v: number,
  ): Promise<PlanResponseDto> {
    return this.plans.version(key, v);
  }

  @Post(':key/versions')
  @HttpCode(201)
  @Roles('HR', 'ADMIN')
  @ApiPlanIdParam('key', 'Plan key')
  @ApiOperation({
    summary: 'Add the next version of a plan (HR, ADMIN)',
    description:
      'The body is a whole plan (format: docs/plans.md) whose `key` is the URL key and whose ' +
      '`version` is the latest + 1 (1 for a new key). Stored immutable and audited. A key keeps ' +
      'its kind: an onboarding plan (`phases`) or a leaving plan (`tasks`, no `phases`).',
  })
  @ApiBody({
    description:
      'A plan, as in config/plans/*.plan.json, or a leaving plan, as in config/plans/leaving/',
    schema: {
      type: 'object',
      required: ['key', 'version', 'title'],
      additionalProperties: true,
    },
  })
  @ApiResponse({
    status: 201,
    type: PlanResponseDto,
    headers: { Location: { description: 'The new version' } },
  })
  @ApiProblems({
    400: 'Invalid plan: problem+json `errors` [{name: exact plan path, reason}]',
    409: 'The version is not latest + 1 (`expectedVersion`)',
  })
  async create(
    @Param('key', planKey) key: string,
    @Body() body: unknown,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlanResponseDto> {
    const plan = await this.plans.create(key, body, caller);
    void reply.header('Location', plan.links.self);
    return plan;
  }
}
