import { ApiProperty } from '@nestjs/swagger';
import type { AuditEvent } from '../../../../../prisma/client';

export class AuditEventResponseDto {
  @ApiProperty({ example: '42', description: 'Sequence number (a 64-bit integer, as a string)' })
  id!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ example: 'hr-amina', description: 'Subject, `hire:<id>` or `system:workflow`' })
  actor!: string;
  @ApiProperty({ example: 'task.completed' }) action!: string;
  @ApiProperty({ example: 'task' }) entityType!: string;
  @ApiProperty({ example: 'security-sign-off:ack:security-charter' }) entityId!: string;
  @ApiProperty({ nullable: true, type: Object }) before!: unknown;
  @ApiProperty({ nullable: true, type: Object }) after!: unknown;

  static map(e: AuditEvent): AuditEventResponseDto {
    return {
      id: e.id.toString(),
      at: e.at.toISOString(),
      actor: e.actor,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before,
      after: e.after,
    };
  }
}
