/** Under /v1/onboardings/{id}/tours…: a run's codebase tours, as JSON and as a calendar. */
import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { ApiUuidParam, runId } from '../http/params';
import { ProblemException } from '../http/problem';
import { ApiProblems } from '../http/api-problems';
import { TourResponseDto } from './dto/tour-response.dto';
import { ToursService, type TourLang } from './tours.service';

const PROBLEMS = {
  400: 'id is not a UUID, or lang is not fr or en',
  404: 'No such run, or not one the caller may see (their own as hire, led as tech lead)',
};
const WHO = 'the hire of the run, its tech lead, HR, ADMIN';

function langOf(lang: string | undefined, caller: Principal): TourLang {
  if (lang === undefined) return caller.locale?.toLowerCase().startsWith('en') ? 'en' : 'fr';
  if (lang === 'fr' || lang === 'en') return lang;
  throw ProblemException.validation([{ name: 'lang', reason: 'must be fr or en' }]);
}

@ApiTags('tours')
@ApiBearerAuth()
@Controller({ path: 'onboardings/:id', version: '1' })
export class ToursController {
  constructor(private readonly tours: ToursService) {}

  @Get('tours')
  @Roles('HIRE', 'TECH_LEAD', 'HR', 'ADMIN')
  @ApiUuidParam('id', 'Run id')
  @ApiOperation({ summary: `A run's codebase tours, soonest first (${WHO})` })
  @ApiResponse({ status: 200, type: [TourResponseDto] })
  @ApiProblems(PROBLEMS)
  list(
    @Param('id', runId) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TourResponseDto[]> {
    return this.tours.list(id, caller);
  }

  @Get('tours.ics')
  @Roles('HIRE', 'TECH_LEAD', 'HR', 'ADMIN')
  @ApiUuidParam('id', 'Run id')
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: `The upcoming codebase tours as an iCalendar file (${WHO})`,
    description:
      'RFC 5545, METHOD:PUBLISH, times in Africa/Lome (VTIMEZONE included). One event per ' +
      'upcoming tour, UID `<runId>-<stepId>@df-onboarding` (the emailed invite’s): importing ' +
      'the file again updates the events. A cancelled run lists its future tours as CANCELLED. ' +
      '`lang` (fr or en, default the caller’s locale) sets the titles.',
  })
  @ApiProduces('text/calendar')
  @ApiResponse({ status: 200, description: 'iCalendar attachment', schema: { type: 'string' } })
  @ApiProblems(PROBLEMS)
  async calendar(
    @Param('id', runId) id: string,
    @Query('lang') lang: string | undefined,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { filename, body } = await this.tours.calendar(id, caller, langOf(lang, caller));
    void reply.header('Content-Disposition', `attachment; filename="${filename}"`);
    return body;
  }
}
