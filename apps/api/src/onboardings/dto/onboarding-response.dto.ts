import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RunSummary } from '../onboardings.repository';

export class HireResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() email!: string;
  @ApiProperty() locale!: string;
}

export class TechLeadResponseDto {
  @ApiProperty({ example: 'tl-akossiwa' }) sub!: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'akossiwa.lawson@digital.gouv.tg' })
  email!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Akossiwa Lawson' }) name!:
    string | null;
}

export class OnboardingLinksDto {
  @ApiProperty({ example: '/v1/onboardings/2f0c…' }) self!: string;
}

export class OnboardingResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'onboarding-<hireId>' }) workflowId!: string;
  @ApiProperty({ enum: ['PENDING', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED'] })
  status!: string;
  @ApiProperty({ example: 'PRE_BOARDING' }) phase!: string;
  @ApiProperty({ example: '2027-01-04' }) startDate!: string;
  @ApiProperty({ example: 'Africa/Lome' }) timeZone!: string;
  @ApiProperty({ type: HireResponseDto }) hire!: HireResponseDto;
  @ApiPropertyOptional({ type: TechLeadResponseDto, nullable: true })
  techLead!: TechLeadResponseDto | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ type: OnboardingLinksDto }) links!: OnboardingLinksDto;

  static map(run: RunSummary): OnboardingResponseDto {
    return {
      id: run.id,
      workflowId: run.workflowId,
      status: run.status,
      phase: run.phase,
      startDate: run.startDate.toISOString().slice(0, 10),
      timeZone: run.timeZone,
      hire: {
        id: run.hire.id,
        fullName: run.hire.fullName,
        email: run.hire.email,
        locale: run.hire.locale,
      },
      techLead: run.techLeadSub
        ? { sub: run.techLeadSub, email: run.techLeadEmail, name: run.techLeadName }
        : null,
      createdAt: run.createdAt.toISOString(),
      updatedAt: run.updatedAt.toISOString(),
      completedAt: run.completedAt?.toISOString() ?? null,
      links: { self: `/v1/onboardings/${run.id}` },
    };
  }
}
