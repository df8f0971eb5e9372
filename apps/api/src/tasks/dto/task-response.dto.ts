import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Task } from '../../../../../prisma/client';
import { LocalizedTextDto } from '../../plans/dto/plan-response.dto';

export class TaskLinksDto {
  @ApiProperty({ example: '/v1/onboardings/2f0c…' }) run!: string;
  @ApiProperty({ example: '/v1/tasks/7a1e…/complete' }) complete!: string;
  @ApiPropertyOptional({
    example: '/v1/onboardings/2f0c…/documents/security-charter/acknowledge',
    description: 'The dedicated endpoint of acknowledgements, access approvals and checkpoints',
  })
  action?: string;
}

/** What the hire reads and acknowledges: the version and hash to send back are these. */
export class TaskDocumentDto {
  @ApiProperty({ example: 'security-charter' }) id!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ example: '2026.1' }) version!: string;
  @ApiPropertyOptional({ type: String }) url?: string;
  @ApiPropertyOptional({ type: LocalizedTextDto }) text?: LocalizedTextDto;
  @ApiProperty({ description: 'SHA-256 (hex) of the content, as the acknowledgement expects' })
  contentHash!: string;
}

export class TaskResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() runId!: string;
  @ApiProperty({ example: 'security-sign-off:ack:security-charter' }) taskKey!: string;
  @ApiProperty({ example: 'security-sign-off' }) stepId!: string;
  @ApiProperty({ example: 'ACK_DOCUMENT' }) kind!: string;
  @ApiProperty({ enum: ['HIRE', 'TECH_LEAD', 'HR', 'IT', 'HEAD_OF_DF'] }) assigneeRole!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'peer-kafui',
    description: 'Set when the task is given to one person (a tour’s peer guide)',
  })
  assigneeSub!: string | null;
  @ApiProperty({ enum: ['OPEN', 'DONE', 'CANCELLED'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) dueAt!: string | null;
  @ApiProperty({ description: 'Open and past its due instant' }) overdue!: boolean;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'hire:5b1d…' }) completedBy!: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'The payload it was completed with' })
  result!: unknown;
  @ApiProperty({
    nullable: true,
    type: Object,
    description: 'What to see before acting, e.g. `accessVerification` of a checkpoint review',
  })
  context!: unknown;
  @ApiProperty({ type: TaskLinksDto }) links!: TaskLinksDto;
  @ApiPropertyOptional({
    type: TaskDocumentDto,
    description:
      'ACK_DOCUMENT tasks in GET /v1/tasks/mine: the document from the run’s plan snapshot',
  })
  document?: TaskDocumentDto;

  @ApiPropertyOptional({
    type: LocalizedTextDto,
    nullable: true,
    description: "GET /v1/tasks/mine: the step's title in the run's plan snapshot",
  })
  stepTitle?: LocalizedTextDto | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Kodjo Mensah',
    description: 'GET /v1/tasks/mine: whom the task is about (the full name of the run’s hire)',
  })
  hireName?: string | null;

  static map(task: Task, now = new Date()): TaskResponseDto {
    return {
      id: task.id,
      runId: task.runId,
      taskKey: task.taskKey,
      stepId: task.stepId,
      kind: task.kind,
      assigneeRole: task.assigneeRole,
      assigneeSub: task.assigneeSub,
      status: task.status,
      dueAt: task.dueAt?.toISOString() ?? null,
      overdue: task.status === 'OPEN' && task.dueAt !== null && task.dueAt < now,
      completedAt: task.completedAt?.toISOString() ?? null,
      completedBy: task.completedBy,
      result: task.result,
      context: task.context,
      links: {
        run: `/v1/onboardings/${task.runId}`,
        complete: `/v1/tasks/${task.id}/complete`,
        action: actionLink(task),
      },
    };
  }
}

function actionLink(task: Task): string | undefined {
  const run = `/v1/onboardings/${task.runId}`;
  switch (task.kind) {
    case 'ACK_DOCUMENT':
      return `${run}/documents/${task.taskKey.split(':ack:')[1]}/acknowledge`;
    case 'APPROVE_ACCESS':
      return `${run}/access-requests/${task.stepId}/decision`;
    case 'REVIEW_CHECKPOINT':
      return `${run}/checkpoints/${task.stepId}/decision`;
    default:
      return undefined;
  }
}
