import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsObject,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { TourGuideDto } from '../../tour-guides/dto/tour-guide.dto';
import { DATE_PATTERN, TIME_ZONES } from '../../http/api-fields';
import { PLAN_ID_PATTERN } from '../../http/params';
import { IsCalendarDate, IsTimeZone } from '../../http/validators';
import {
  EmailAddress,
  LOCALES,
  LocaleField,
  PersonName,
  type Locale,
} from '../../http/person-fields';

export { LOCALES };

export class TechLeadDto {
  @ApiProperty({
    example: 'tl-akossiwa',
    description: 'Subject (`sub`) of the tech lead in the identity provider',
    minLength: 1,
    maxLength: 200,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sub!: string;

  @EmailAddress('akossiwa.lawson@digital.gouv.tg')
  email!: string;

  @PersonName('Akossiwa Lawson')
  name!: string;
}

/** A peer named at start to guide one tour of the plan (`tour.guide.role: PEER`). */
export class StartTourGuideDto extends TourGuideDto {
  @ApiProperty({
    example: 'tour-async-services-and-data-layer',
    description: 'Tour step id',
    pattern: PLAN_ID_PATTERN,
  })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be a step id (kebab-case)' })
  stepId!: string;
}

export class CreateOnboardingDto {
  @PersonName('Kodjo Mensah')
  fullName!: string;

  @EmailAddress('kodjo.mensah@example.tg')
  email!: string;

  @ApiProperty({
    example: '2027-01-04',
    description: 'First working day (YYYY-MM-DD, in the run time zone)',
    format: 'date',
    pattern: DATE_PATTERN,
  })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date formatted YYYY-MM-DD' })
  @IsCalendarDate()
  startDate!: string;

  @LocaleField()
  locale!: Locale;

  @ApiPropertyOptional({
    example: 'Africa/Lome',
    default: 'Africa/Lome',
    description: 'IANA time zone (the canonical names this runtime knows)',
    enum: TIME_ZONES,
  })
  @IsOptional()
  @IsString()
  @IsTimeZone()
  timeZone?: string;

  @ApiProperty({
    type: TechLeadDto,
    description: 'The tech lead who approves access and milestones',
  })
  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be an object with sub, email and name' })
  @ValidateNested()
  @Type(() => TechLeadDto)
  techLead!: TechLeadDto;

  @ApiPropertyOptional({
    example: 'rust-backend-engineer',
    description: 'Plan key (latest version); default from DEFAULT_PLAN_KEY',
    pattern: PLAN_ID_PATTERN,
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be a plan key (kebab-case)' })
  planKey?: string;

  @ApiPropertyOptional({
    type: [StartTourGuideDto],
    description:
      'Peers who guide the tours the plan gives to a peer, one per step; the others are guided ' +
      'by the tech lead. Changeable later with PUT /v1/onboardings/{id}/tour-guides/{stepId}.',
    maxItems: 50,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => StartTourGuideDto)
  tourGuides?: StartTourGuideDto[];
}
