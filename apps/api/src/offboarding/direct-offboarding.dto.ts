/**
 * `POST /v1/offboardings`: the leaving journey of a person with no onboarding run (docs/api.md,
 * "Leaving"), and the answer both it and `GET /v1/offboardings/{id}` give.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { TechLeadDto } from '../onboardings/dto/create-onboarding.dto';
import { EmailAddress, LocaleField, PersonName, trimmed, type Locale } from '../http/person-fields';
import { PLAN_ID_PATTERN } from '../http/params';
import { LocalizedTextDto } from '../plans/dto/plan-response.dto';
import { StartOffboardingDto } from './offboarding.dto';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class LeaverDto {
  @PersonName('Ama Kpodar')
  fullName!: string;

  @EmailAddress('ama.kpodar@example.tg')
  email!: string;

  @LocaleField()
  locale!: Locale;

  @ApiPropertyOptional({
    example: 'akpodar',
    description:
      'Account name in the target systems (LDAP uid, SCIM userName, PostgreSQL role). Omitted: ' +
      'looked up by email in the systems that can be searched (LDAP, SCIM) when discovering',
    pattern: '^[a-z_][a-z0-9._-]{0,62}$',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_][a-z0-9._-]{0,62}$/, {
    message: 'must be an account name (lower case letters, digits, . _ -; up to 63)',
  })
  username?: string;
}

export class GivenGrantDto {
  @ApiProperty({ example: 'mongodb-staging', description: 'System id (kebab-case)' })
  @IsString()
  @Matches(KEBAB, { message: 'must be a system id (kebab-case)' })
  @MaxLength(64)
  system!: string;

  @ApiProperty({ example: 'read/write on the staging cluster', maxLength: 200 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  scope!: string;
}

export class StartDirectOffboardingDto extends StartOffboardingDto {
  @ApiProperty({ type: LeaverDto, description: 'The person who leaves' })
  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be an object with fullName, email and locale' })
  @ValidateNested()
  @Type(() => LeaverDto)
  person!: LeaverDto;

  @ApiProperty({ type: TechLeadDto, description: 'Their tech lead (handover task, escalations)' })
  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be an object with sub, email and name' })
  @ValidateNested()
  @Type(() => TechLeadDto)
  techLead!: TechLeadDto;

  @ApiPropertyOptional({
    type: [GivenGrantDto],
    description:
      'Access to revoke, one per system (required for systems that cannot be asked: manual ones)',
    maxItems: 50,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => GivenGrantDto)
  grants?: GivenGrantDto[];

  @ApiPropertyOptional({
    description:
      'Ask the configured connectors what the person holds; default: true when no grants are given',
  })
  @IsOptional()
  @IsBoolean()
  discover?: boolean;

  @ApiPropertyOptional({
    example: 'leaving',
    default: 'leaving',
    description: 'Leaving plan key (its latest version is pinned)',
    pattern: PLAN_ID_PATTERN,
  })
  @IsOptional()
  @IsString()
  @Matches(KEBAB, { message: 'must be a plan key (kebab-case)' })
  planKey?: string;
}

export class OffboardingGrantDto {
  @ApiProperty({ example: 'ldap' }) system!: string;
  @ApiProperty({ example: 'discovered' }) scope!: string;
  @ApiProperty({ example: 'GRANTED', description: 'GRANTED until revoked, then REVOKED' })
  status!: string;
  @ApiProperty({ enum: ['ONBOARDING', 'GIVEN', 'DISCOVERED'] })
  source!: 'ONBOARDING' | 'GIVEN' | 'DISCOVERED';
}

export class OffboardingStepDto {
  @ApiProperty({ example: 'leaving-handover' }) stepId!: string;
  @ApiProperty({ type: LocalizedTextDto, description: 'From the pinned leaving plan' })
  title!: LocalizedTextDto;
  @ApiProperty({ example: 'TECH_LEAD' }) owner!: string;
  @ApiProperty({ example: 'IN_PROGRESS' }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) dueAt!: string | null;
}

export class OffboardingPersonDto {
  @ApiProperty() fullName!: string;
  @ApiProperty() email!: string;
}

export class OffboardingLinksDto {
  @ApiProperty({ example: '/v1/offboardings/3f0c…' }) self!: string;
  @ApiProperty({ example: '/v1/onboardings/3f0c…/offboarding/revoke-now' }) revokeNow!: string;
}

export class OffboardingDetailDto {
  @ApiProperty({ description: 'The run id (of the onboarding, or of the leaving journey alone)' })
  id!: string;
  @ApiProperty({ example: 'offboarding-3f0c…' }) workflowId!: string;
  @ApiProperty({ enum: ['ONBOARDING_RUN', 'NO_ONBOARDING_RUN'] })
  kind!: 'ONBOARDING_RUN' | 'NO_ONBOARDING_RUN';
  @ApiProperty({ type: OffboardingPersonDto }) person!: OffboardingPersonDto;
  @ApiProperty({ example: 'SCHEDULED' }) status!: string;
  @ApiProperty({ example: '2027-04-30' }) lastDay!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) revokeAt!: string | null;
  @ApiProperty() emergency!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'leaving@1' })
  plan!: string | null;
  @ApiProperty({ type: [OffboardingStepDto] }) steps!: OffboardingStepDto[];
  @ApiProperty({ type: [OffboardingGrantDto] }) grants!: OffboardingGrantDto[];
  @ApiProperty({ type: OffboardingLinksDto }) links!: OffboardingLinksDto;
}
