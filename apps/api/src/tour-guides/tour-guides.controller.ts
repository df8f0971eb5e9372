import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { ApiPlanIdParam, ApiUuidParam, runId } from '../http/params';
import { planIdParam } from '../http/params';
import { TourGuideDto, TourGuideResponseDto } from './dto/tour-guide.dto';
import { TourGuidesService } from './tour-guides.service';

@ApiTags('onboardings')
@ApiBearerAuth()
@ApiResponse({
  status: 400,
  description: 'Invalid id or body, or a step that is not a peer tour of the run (problem+json)',
})
@ApiResponse({ status: 401, description: 'Missing or invalid token (problem+json)' })
@ApiResponse({ status: 403, description: 'Role not allowed (problem+json)' })
@ApiResponse({ status: 404, description: 'No such run' })
@Controller({ path: 'onboardings/:id/tour-guides', version: '1' })
export class TourGuidesController {
  constructor(private readonly guides: TourGuidesService) {}

  @Get()
  @Roles('HR', 'ADMIN')
  @ApiUuidParam('id', 'Run id')
  @ApiOperation({ summary: 'The peers named to guide the tours of a run (HR, ADMIN)' })
  @ApiResponse({ status: 200, type: [TourGuideResponseDto] })
  list(@Param('id', runId) id: string): Promise<TourGuideResponseDto[]> {
    return this.guides.list(id);
  }

  @Put(':stepId')
  @Roles('HR', 'ADMIN')
  @ApiUuidParam('id', 'Run id')
  @ApiPlanIdParam('stepId', 'Tour step id')
  @ApiOperation({
    summary: 'Name or change the peer who guides a tour (HR, ADMIN)',
    description:
      'Sends the assignTourGuide Update with the peer subject; an open confirmation moves to the ' +
      'peer, who is emailed. Contact details stay in PostgreSQL. Audited (tour.guide_assigned).',
  })
  @ApiResponse({ status: 200, type: TourGuideResponseDto })
  @ApiResponse({ status: 409, description: 'Run closed, or tour already confirmed (problem+json)' })
  @ApiResponse({
    status: 422,
    description: 'Refused by the workflow validator (problem+json, `code`: Invalid)',
  })
  assign(
    @Param('id', runId) id: string,
    @Param('stepId', planIdParam('stepId')) stepId: string,
    @Body() dto: TourGuideDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TourGuideResponseDto> {
    return this.guides.assign(id, stepId, dto, caller);
  }
}
