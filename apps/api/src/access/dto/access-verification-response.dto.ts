import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccessCheck, AccessReport } from '../../../../../workflows/definitions';

export class AccessCheckDto {
  @ApiProperty({ example: 'grant-vpn' }) stepId!: string;
  @ApiProperty({ example: 'vpn' }) system!: string;
  @ApiProperty({
    enum: ['GRANTED', 'REVOKED', 'ABSENT'],
    description: 'What the run recorded',
  })
  expected!: AccessCheck['expected'];
  @ApiProperty({
    enum: ['PRESENT', 'ABSENT', 'UNKNOWN', 'ERROR'],
    description: 'What the target system shows (UNKNOWN: manual system; ERROR: connector failed)',
  })
  observed!: AccessCheck['observed'];
  @ApiProperty({ description: 'The target disagrees with the record' }) drift!: boolean;
  @ApiPropertyOptional({ description: 'Why the connector could not answer' }) error?: string;
}

export class AccessVerificationResponseDto {
  @ApiProperty() runId!: string;
  @ApiProperty({ example: '2027-02-03T09:00:00.000Z' }) verifiedAt!: string;
  @ApiProperty({ description: 'At least one grant drifted' }) drift!: boolean;
  @ApiProperty({ type: [AccessCheckDto] }) checks!: AccessCheckDto[];

  static map(report: AccessReport): AccessVerificationResponseDto {
    return {
      runId: report.runId,
      verifiedAt: report.verifiedAt,
      drift: report.drift,
      checks: report.checks.map((c) => ({
        stepId: c.stepId,
        system: c.system,
        expected: c.expected,
        observed: c.observed,
        drift: c.drift,
        ...(c.error ? { error: c.error } : {}),
      })),
    };
  }
}
