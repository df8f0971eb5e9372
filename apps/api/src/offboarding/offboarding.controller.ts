import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { ApiUuidParam, runId } from '../http/params';
import { OffboardingResponseDto, RevokeNowDto, StartOffboardingDto } from './offboarding.dto';
import { OffboardingService } from './offboarding.service';

@ApiTags('offboarding')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'Invalid id or body (problem+json, with field paths)' })
@ApiResponse({ status: 401, description: 'Missing or invalid token (problem+json)' })
@ApiResponse({ status: 403, description: 'Not HR or ADMIN (problem+json)' })
@ApiResponse({ status: 404, description: 'No such run' })
@ApiResponse({ status: 503, description: 'PostgreSQL or Temporal unavailable (problem+json)' })
@Controller({ path: 'onboardings/:id/offboarding', version: '1' })
export class OffboardingController {
  constructor(private readonly offboarding: OffboardingService) {}

  @Post()
  @HttpCode(202)
  @Roles('HR', 'ADMIN')
  @ApiUuidParam('id', 'Run id')
  @ApiOperation({
    summary: 'Start the leaving journey of the run’s person (HR, ADMIN)',
    description:
      'Starts `offboarding-<hireId>`: leaving tasks now, revocation of every grant at the end ' +
      'of the last working day (Africa/Lome), then verification. Idempotent per person: a ' +
      'second call answers the existing journey (its own last day), whatever its body.',
  })
  @ApiResponse({ status: 202, type: OffboardingResponseDto })
  start(
    @Param('id', runId) id: string,
    @Body() dto: StartOffboardingDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<OffboardingResponseDto> {
    return this.offboarding.start(id, dto, caller);
  }

  @Post('revoke-now')
  @HttpCode(200)
  @Roles('HR', 'ADMIN')
  @ApiUuidParam('id', 'Run id')
  @ApiOperation({
    summary: 'Emergency leave: revoke every access now (HR, ADMIN)',
    description:
      'Starts the leaving journey if none exists (last day today), then sends the revokeNow ' +
      'Update: revocation and verification at once; audited with the reason.',
  })
  @ApiResponse({ status: 200, type: OffboardingResponseDto })
  @ApiResponse({ status: 409, description: 'Access already revoked (problem+json)' })
  revokeNow(
    @Param('id', runId) id: string,
    @Body() dto: RevokeNowDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<OffboardingResponseDto> {
    return this.offboarding.revokeNow(id, dto, caller);
  }
}
