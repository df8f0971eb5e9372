/** Under /v1/onboardings/{runId}/… in a controller of its own (the runs controller owns the rest). */
import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/roles';
import { ApiProblems } from '../http/api-problems';
import { ApiUuidParam, uuidParam } from '../http/params';
import { AuditService } from './audit.service';
import { AuditEventResponseDto } from './dto/audit-event-response.dto';

const PROBLEMS = { 400: 'runId is not a UUID', 404: 'No such run' };

@ApiTags('audit')
@ApiBearerAuth()
@Controller({ path: 'onboardings', version: '1' })
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get(':runId/audit')
  @Roles('HR', 'ADMIN')
  @ApiUuidParam('runId', 'Run id')
  @ApiOperation({ summary: "A run's audit trail, oldest first (HR, ADMIN)" })
  @ApiResponse({ status: 200, type: [AuditEventResponseDto] })
  @ApiProblems(PROBLEMS)
  list(@Param('runId', uuidParam('runId')) runId: string): Promise<AuditEventResponseDto[]> {
    return this.audit.list(runId);
  }

  @Get(':runId/audit.csv')
  @Roles('HR', 'ADMIN')
  @ApiUuidParam('runId', 'Run id')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({
    summary: "A run's audit trail as CSV (HR, ADMIN)",
    description:
      'RFC 4180, header `id,at,actor,action,entity_type,entity_id,before,after`; before/after ' +
      'as JSON; cells starting with = + - @ are prefixed with an apostrophe.',
  })
  @ApiProduces('text/csv')
  @ApiResponse({ status: 200, description: 'CSV attachment', schema: { type: 'string' } })
  @ApiProblems(PROBLEMS)
  async csv(
    @Param('runId', uuidParam('runId')) runId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { filename, body } = await this.audit.csv(runId);
    void reply.header('Content-Disposition', `attachment; filename="${filename}"`);
    return body;
  }
}
