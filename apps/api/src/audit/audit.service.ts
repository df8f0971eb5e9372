/** A run's audit trail, as JSON or as a CSV export for spreadsheets. */
import { Injectable } from '@nestjs/common';
import { ProblemException } from '../http/problem';
import { AuditRepository } from './audit.repository';
import { toCsv } from './csv';
import { AuditEventResponseDto } from './dto/audit-event-response.dto';

export const AUDIT_CSV_HEADER = [
  'id',
  'at',
  'actor',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
] as const;

const json = (value: unknown) =>
  value === null || value === undefined ? '' : JSON.stringify(value);

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(runId: string): Promise<AuditEventResponseDto[]> {
    if (!(await this.audit.runExists(runId)))
      throw ProblemException.notFound(`Onboarding run ${runId}`);
    return (await this.audit.findEventsOfRun(runId)).map((e) => AuditEventResponseDto.map(e));
  }

  async csv(runId: string): Promise<{ filename: string; body: string }> {
    const rows = (await this.list(runId)).map((e) => [
      e.id,
      e.at,
      e.actor,
      e.action,
      e.entityType,
      e.entityId,
      json(e.before),
      json(e.after),
    ]);
    return { filename: `audit-${runId}.csv`, body: toCsv(AUDIT_CSV_HEADER, rows) };
  }
}
