import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { TourGuide } from '../../../../../prisma/client';
import {
  EmailAddress,
  LOCALES,
  LocaleField,
  PersonName,
  trimmed,
  type Locale,
} from '../../http/person-fields';

/** A peer who guides a codebase tour. Only `sub` reaches the workflow; the rest stays here. */
export class TourGuideDto {
  @ApiProperty({
    example: 'peer-kafui',
    description: 'Subject (`sub`) of the peer in the identity provider',
    minLength: 1,
    maxLength: 200,
    pattern: '\\S',
  })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sub!: string;

  @PersonName('Kafui Agbeko')
  name!: string;

  @EmailAddress('kafui.agbeko@digital.gouv.tg')
  email!: string;

  @LocaleField('Language of the emails to the peer')
  locale!: Locale;
}

export class TourGuideResponseDto {
  @ApiProperty({ example: 'tour-async-services-and-data-layer' }) stepId!: string;
  @ApiProperty({ example: 'peer-kafui' }) sub!: string;
  @ApiProperty({ example: 'Kafui Agbeko' }) name!: string;
  @ApiProperty({ example: 'kafui.agbeko@digital.gouv.tg' }) email!: string;
  @ApiProperty({ enum: LOCALES }) locale!: string;
  @ApiProperty({ example: 'hr-amina' }) assignedBy!: string;
  @ApiProperty() updatedAt!: string;

  static map(row: TourGuide): TourGuideResponseDto {
    return {
      stepId: row.stepId,
      sub: row.sub,
      name: row.name,
      email: row.email,
      locale: row.locale,
      assignedBy: row.assignedBy,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
