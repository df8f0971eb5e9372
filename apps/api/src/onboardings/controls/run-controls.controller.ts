import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/principal.decorator';
import { Roles, type Principal } from '../../auth/roles';
import { OnboardingDetailResponseDto } from '../dto/onboarding-detail-response.dto';
import {
  CancelOnboardingDto,
  ChangeStartDateDto,
  ReassignTechLeadDto,
} from '../dto/run-control.dto';
import { ApiUuidParam, runId } from '../../http/params';
import { RunControlsService } from './run-controls.service';

const REFUSED =
  'Refused by the workflow or the run is closed (problem+json with `code`: RunClosed, NotAllowed…)';

@ApiTags('onboardings')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'Invalid id or body (problem+json, with field paths)' })
@ApiResponse({ status: 401, description: 'Missing or invalid token (problem+json)' })
@ApiResponse({ status: 403, description: 'Role not allowed (problem+json)' })
@ApiResponse({ status: 404, description: 'No such run' })
@ApiResponse({ status: 409, description: REFUSED })
@ApiResponse({ status: 503, description: 'PostgreSQL or Temporal unavailable (problem+json)' })
@Controller({ path: 'onboardings/:id', version: '1' })
export class RunControlsController {
  constructor(private readonly controls: RunControlsService) {}

  @Post('cancel')
  @HttpCode(200)
  @Roles('HR', 'ADMIN')
  @ApiUuidParam('id', 'Run id')
  @ApiOperation({
    summary: 'Cancel a run (HR, ADMIN)',
    description:
      'Sends the cancelRun Update and waits for compensation: access revoked, open tasks cancelled.',
  })
  @ApiResponse({ status: 200, type: OnboardingDetailResponseDto })
  @ApiResponse({ status: 422, description: 'Rejected payload (problem+json)' })
  cancel(
    @Param('id', runId) id: string,
    @Body() dto: CancelOnboardingDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<OnboardingDetailResponseDto> {
    return this.controls.cancel(id, dto, caller);
  }

  @Post('pause')
  @HttpCode(202)
  @Roles('HR', 'ADMIN')
  @ApiUuidParam('id', 'Run id')
  @ApiOperation({
    summary: 'Pause a run (HR, ADMIN)',
    description: 'Sends the pause Signal; the run shows PAUSED once the workflow has projected it.',
  })
  @ApiResponse({ status: 202, type: OnboardingDetailResponseDto })
  pause(
    @Param('id', runId) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<OnboardingDetailResponseDto> {
    return this.controls.pause(id, caller);
  }

  @Post('resume')
  @HttpCode(202)
  @Roles('HR', 'ADMIN')
  @ApiUuidParam('id', 'Run id')
  @ApiOperation({
    summary: 'Resume a paused run (HR, ADMIN)',
    description:
      'Sends the resume Signal; the run shows RUNNING once the workflow has projected it.',
  })
  @ApiResponse({ status: 202, type: OnboardingDetailResponseDto })
  resume(
    @Param('id', runId) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<OnboardingDetailResponseDto> {
    return this.controls.resume(id, caller);
  }

  @Put('start-date')
  @Roles('HR', 'ADMIN')
  @ApiUuidParam('id', 'Run id')
  @ApiOperation({
    summary: 'Change the start date before pre-boarding ends (HR, ADMIN)',
    description: 'Sends the changeStartDate Update; refused (409) once the welcome email is sent.',
  })
  @ApiResponse({ status: 200, type: OnboardingDetailResponseDto })
  @ApiResponse({ status: 422, description: 'Rejected date (problem+json)' })
  changeStartDate(
    @Param('id', runId) id: string,
    @Body() dto: ChangeStartDateDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<OnboardingDetailResponseDto> {
    return this.controls.changeStartDate(id, dto, caller);
  }

  @Put('tech-lead')
  @Roles('HR', 'ADMIN', 'HEAD_OF_DF')
  @ApiUuidParam('id', 'Run id')
  @ApiOperation({
    summary: 'Reassign the tech lead (HR, ADMIN, HEAD_OF_DF)',
    description:
      'Sends the reassignTechLead Update with the subject; email and name are kept on the run.',
  })
  @ApiResponse({ status: 200, type: OnboardingDetailResponseDto })
  @ApiResponse({ status: 422, description: 'Rejected payload (problem+json)' })
  reassignTechLead(
    @Param('id', runId) id: string,
    @Body() dto: ReassignTechLeadDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<OnboardingDetailResponseDto> {
    return this.controls.reassignTechLead(id, dto, caller);
  }
}
