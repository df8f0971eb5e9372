import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { ProblemException } from '../problem/problem';
import { CreateOnboardingDto } from './dto/create-onboarding.dto';
import { OnboardingResponseDto } from './dto/onboarding-response.dto';
import { OnboardingsService } from './onboardings.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.validation([{ name: 'id', reason: 'must be a UUID' }]),
});

@ApiTags('onboardings')
@ApiBearerAuth()
@Controller({ path: 'onboardings', version: '1' })
export class OnboardingsController {
  constructor(private readonly onboardings: OnboardingsService) {}

  @Post()
  @HttpCode(201)
  @Roles('HR', 'ADMIN')
  @ApiOperation({ summary: 'Start an onboarding run (HR, ADMIN)' })
  @ApiResponse({ status: 201, type: OnboardingResponseDto })
  @ApiResponse({ status: 400, description: 'Invalid body (problem+json, with field paths)' })
  @ApiResponse({
    status: 409,
    description: 'A run already exists for this hire (problem+json with `existing`)',
  })
  @ApiResponse({ status: 503, description: 'PostgreSQL or Temporal unavailable' })
  async start(
    @Body() dto: CreateOnboardingDto,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OnboardingResponseDto> {
    const run = await this.onboardings.start(dto, caller);
    void reply.header('Location', run.links.self);
    return run;
  }

  @Get(':id')
  @Roles('HR', 'ADMIN', 'HEAD_OF_DF')
  @ApiOperation({ summary: 'Get an onboarding run (HR, ADMIN, HEAD_OF_DF)' })
  @ApiResponse({ status: 200, type: OnboardingResponseDto })
  @ApiResponse({ status: 404, description: 'No such run' })
  get(@Param('id', uuid) id: string): Promise<OnboardingResponseDto> {
    return this.onboardings.get(id);
  }
}
