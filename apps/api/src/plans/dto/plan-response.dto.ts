import { ApiProperty } from '@nestjs/swagger';
import type { Plan as PlanRow } from '../../../../../prisma/client';

export class LocalizedTextDto {
  @ApiProperty() fr!: string;
  @ApiProperty() en!: string;
}

export class PlanLinksDto {
  @ApiProperty({ example: '/v1/plans/rust-backend-engineer/versions/2' }) self!: string;
  @ApiProperty({ example: '/v1/plans/rust-backend-engineer' }) latest!: string;
}

export class PlanSummaryDto {
  @ApiProperty({ example: 'rust-backend-engineer' }) key!: string;
  @ApiProperty({ example: 2, description: 'The latest version' }) version!: number;
  @ApiProperty({
    enum: ['ONBOARDING', 'LEAVING'],
    description: 'An onboarding plan (`phases`) or a leaving plan (`tasks`, docs/plans.md)',
  })
  kind!: 'ONBOARDING' | 'LEAVING';
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ example: 'hr-amina' }) createdBy!: string;
  @ApiProperty({ type: PlanLinksDto }) links!: PlanLinksDto;

  static map(row: PlanRow): PlanSummaryDto {
    const definition = row.definition as { title?: LocalizedTextDto };
    return {
      key: row.key,
      version: row.version,
      kind: row.kind === 'LEAVING' ? 'LEAVING' : 'ONBOARDING',
      title: definition.title ?? { fr: row.key, en: row.key },
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy,
      links: {
        self: `/v1/plans/${row.key}/versions/${row.version}`,
        latest: `/v1/plans/${row.key}`,
      },
    };
  }
}

export class PlanResponseDto extends PlanSummaryDto {
  @ApiProperty({
    type: Object,
    description: 'The plan as validated, defaults applied (format: docs/plans.md)',
  })
  definition!: unknown;

  static override map(row: PlanRow): PlanResponseDto {
    return { ...PlanSummaryDto.map(row), definition: row.definition };
  }
}
