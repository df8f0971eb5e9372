import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { ApiUuidParam, runId } from '../http/params';
import { OffboardingDetailDto, StartDirectOffboardingDto } from './direct-offboarding.dto';
import { DirectOffboardingService } from './direct-offboarding.service';
import { OffboardingReadService } from './offboarding-read.service';

@ApiTags('offboarding')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid token (problem+json)' })
@ApiResponse({ status: 403, description: 'Role not allowed (problem+json)' })
@ApiResponse({ status: 503, description: 'PostgreSQL or Temporal unavailable (problem+json)' })
@Controller({ path: 'offboardings', version: '1' })
export class DirectOffboardingController {
  constructor(
    private readonly offboardings: DirectOffboardingService,
    private readonly reads: OffboardingReadService,
  ) {}

  @Post()
  @Roles('HR', 'ADMIN')
  @ApiOperation({
    summary: 'Start the leaving journey of a person with no onboarding run (HR, ADMIN)',
    description:
      'Records the person and starts `offboarding-<hireId>` with the latest version of the ' +
      'leaving plan: its tasks now, revocation of the given and discovered grants at the end of ' +
      'the last working day (Africa/Lome), then verification. Grants are given (`grants`, needed ' +
      'for manual systems) and/or discovered by the connectors that can be asked (`discover`, ' +
      'default when none are given: LDAP, SCIM, PostgreSQL role, webhook). Idempotent per ' +
      'person (email): the same person again answers 200 with the existing journey, whatever ' +
      'the body; a person with an onboarding run answers 409 with its `offboarding` link.',
  })
  @ApiResponse({ status: 201, type: OffboardingDetailDto, description: 'Started' })
  @ApiResponse({ status: 200, type: OffboardingDetailDto, description: 'Already started' })
  @ApiResponse({ status: 400, description: 'Invalid body (problem+json, with field paths)' })
  @ApiResponse({
    status: 409,
    description: 'The person has an onboarding run (problem+json: `runId`, `offboarding`)',
  })
  async start(
    @Body() dto: StartDirectOffboardingDto,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OffboardingDetailDto> {
    const { created, detail } = await this.offboardings.start(dto, caller);
    void reply.status(created ? 201 : 200).header('Location', detail.links.self);
    return detail;
  }

  @Get(':id')
  @Roles('HR', 'ADMIN', 'TECH_LEAD')
  @ApiUuidParam('id', 'Run id (of the onboarding run, or of the leaving journey alone)')
  @ApiOperation({
    summary: 'A person’s leaving journey (HR, ADMIN; TECH_LEAD: their own people)',
    description:
      'From the read model: status, last day, revocation instant, the leaving plan’s steps ' +
      '(titles from the pinned version) and the grants with their source.',
  })
  @ApiResponse({ status: 200, type: OffboardingDetailDto })
  @ApiResponse({ status: 400, description: 'Not a UUID (problem+json)' })
  @ApiResponse({ status: 404, description: 'No leaving journey for this id (or not yours)' })
  read(
    @Param('id', runId) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<OffboardingDetailDto> {
    return this.reads.readFor(id, caller);
  }
}
