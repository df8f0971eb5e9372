import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LocalizedTextDto } from '../../plans/dto/plan-response.dto';
import { PageQueryDto } from '../../oversight/dto/page-query.dto';
import { TaskResponseDto } from '../../tasks/dto/task-response.dto';

export const QUEUE_KINDS = ['MANUAL', 'FAILED', 'DRIFT'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

export class ProvisioningQueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: QUEUE_KINDS,
    default: 'MANUAL',
    description:
      'MANUAL: grants to do by hand (system without a connector); FAILED: grants whose ' +
      'connector failed for good (retry, or do by hand); DRIFT: what the last verification of ' +
      'each run found different from the record',
  })
  @IsOptional()
  @IsIn(QUEUE_KINDS, { message: `must be one of: ${QUEUE_KINDS.join(', ')}` })
  kind: QueueKind = 'MANUAL';
}

export class ProvisioningItemDto {
  @ApiProperty({ enum: QUEUE_KINDS }) kind!: QueueKind;
  @ApiProperty() runId!: string;
  @ApiProperty() hireName!: string;
  @ApiProperty({ example: 'grant-git-repositories' }) stepId!: string;
  @ApiProperty({ nullable: true, type: LocalizedTextDto }) stepTitle!: LocalizedTextDto | null;
  @ApiProperty({ example: 'git' }) system!: string;
  @ApiProperty({ nullable: true, type: String, example: 'developers' }) scope!: string | null;
  @ApiPropertyOptional({ type: String, description: 'MANUAL, FAILED: the IT task to complete' })
  taskId?: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  dueAt?: string | null;
  @ApiPropertyOptional({ description: 'MANUAL, FAILED: past its due instant' }) overdue?: boolean;
  @ApiPropertyOptional({ enum: ['GRANTED', 'REVOKED', 'ABSENT'], description: 'DRIFT' })
  expected?: string;
  @ApiPropertyOptional({ enum: ['PRESENT', 'ABSENT', 'UNKNOWN', 'ERROR'], description: 'DRIFT' })
  observed?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'DRIFT' })
  verifiedAt?: string;
  @ApiPropertyOptional({ type: String, description: "DRIFT: the run's status" })
  runStatus?: string;
}

export class ProvisioningPageDto {
  @ApiProperty({ type: [ProvisioningItemDto] }) items!: ProvisioningItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class RetryGrantResponseDto {
  @ApiProperty({
    enum: ['GRANTED', 'ALREADY_GRANTED'],
    description: 'GRANTED by this retry, or already done before it (idempotent)',
  })
  outcome!: 'GRANTED' | 'ALREADY_GRANTED';
  @ApiProperty({ nullable: true, type: String }) externalRef!: string | null;
  @ApiProperty({ type: TaskResponseDto, description: 'The manual task, as recorded' })
  task!: TaskResponseDto;
}
