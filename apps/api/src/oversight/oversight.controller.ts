/** /v1/oversight/…: the head of the Digital Factory's escalations and runs overview. */
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { ApiProblems } from '../http/api-problems';
import { EscalationPageDto, RunsOverviewDto } from './dto/oversight.dto';
import { PageQueryDto } from './dto/page-query.dto';
import { OversightService } from './oversight.service';

@ApiTags('oversight')
@ApiBearerAuth()
@Controller({ path: 'oversight', version: '1' })
export class OversightController {
  constructor(private readonly oversight: OversightService) {}

  @Get('escalations')
  @Roles('HEAD_OF_DF', 'ADMIN')
  @ApiOperation({
    summary:
      'Open tasks escalated to the head of the Digital Factory, oldest first (HEAD_OF_DF, ADMIN)',
    description:
      'Checkpoints escalated by a tech lead, trial ends to co-sign, lapsed trial decisions, ' +
      "grants whose connector failed, and tasks the plan's escalation ladder brought to the " +
      'head of DF. Active runs only; offset paging.',
  })
  @ApiResponse({ status: 200, type: EscalationPageDto })
  @ApiProblems({ 400: 'limit or offset out of range (problem+json, errors[] by field)' })
  escalations(
    @Query() page: PageQueryDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<EscalationPageDto> {
    return this.oversight.escalations(caller, page.limit, page.offset);
  }

  @Get('runs')
  @Roles('HEAD_OF_DF', 'HR', 'ADMIN')
  @ApiOperation({
    summary: "Every run's status at a glance: counts (HEAD_OF_DF, HR, ADMIN)",
    description:
      'Runs by status, active runs by phase, active runs with an overdue task, trials at risk ' +
      '(decision open, awaiting co-signature, lapsed) and open escalations.',
  })
  @ApiResponse({ status: 200, type: RunsOverviewDto })
  @ApiProblems({})
  overview(): Promise<RunsOverviewDto> {
    return this.oversight.overview();
  }
}
