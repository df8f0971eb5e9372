import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsCalendarDate, IsTimeZone } from '../../validation/validators';

export const LOCALES = ['fr', 'en'] as const;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOnboardingDto {
  @ApiProperty({ example: 'Kodjo Mensah', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName!: string;

  @ApiProperty({ example: 'kodjo.mensah@example.tg' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({
    example: '2027-01-04',
    description: 'First working day (YYYY-MM-DD, in the run time zone)',
  })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date formatted YYYY-MM-DD' })
  @IsCalendarDate()
  startDate!: string;

  @ApiProperty({ enum: LOCALES, example: 'fr' })
  @IsIn(LOCALES, { message: `must be one of: ${LOCALES.join(', ')}` })
  locale!: (typeof LOCALES)[number];

  @ApiPropertyOptional({ example: 'Africa/Lome', default: 'Africa/Lome' })
  @IsOptional()
  @IsString()
  @IsTimeZone()
  timeZone?: string;
}
