import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { ApiUuidParam, runId } from '../http/params';
import { AccessService } from './access.service';
import { AccessVerificationResponseDto } from './dto/access-verification-response.dto';

@ApiTags('access')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'Invalid id (problem+json)' })
@ApiResponse({ status: 401, description: 'Missing or invalid token (problem+json)' })
@ApiResponse({ status: 403, description: 'Role not allowed (problem+json)' })
@ApiResponse({ status: 404, description: 'No such run, or not one the caller leads' })
@ApiResponse({ status: 503, description: 'Temporal or the verification unavailable' })
@Controller({ path: 'onboardings/:id/access', version: '1' })
export class AccessController {
  constructor(private readonly access: AccessService) {}

  @Post('verify')
  @HttpCode(200)
  @Roles('HR', 'ADMIN', 'IT', 'TECH_LEAD')
  @ApiUuidParam('id', 'Run id')
  @ApiOperation({
    summary:
      "Verify the run's access against the target systems (HR, ADMIN, IT, the run's tech lead)",
    description:
      'Compares every grant the run recorded with what its target system shows, through the ' +
      'worker (which alone holds connector secrets). Audited as access.verified; drift also as ' +
      'access.drift_detected.',
  })
  @ApiResponse({ status: 200, type: AccessVerificationResponseDto })
  verify(
    @Param('id', runId) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<AccessVerificationResponseDto> {
    return this.access.verify(id, caller);
  }
}
