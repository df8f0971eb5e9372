import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { TourGuide } from '../../../../../prisma/client';

const LOCALES = ['fr', 'en'] as const;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A peer who guides a codebase tour. Only `sub` reaches the workflow; the rest stays here. */
export class TourGuideDto {
  @ApiProperty({
    example: 'peer-kafui',
    description: 'Subject (`sub`) of the peer in the identity provider',
    minLength: 1,
    maxLength: 200,
    pattern: '\\S',
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sub!: string;

  @ApiProperty({ example: 'Kafui Agbeko', minLength: 1, maxLength: 200, pattern: '\\S' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'kafui.agbeko@digital.gouv.tg', format: 'email', maxLength: 254 })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: LOCALES, example: 'fr', description: 'Language of the emails to the peer' })
  @IsIn(LOCALES, { message: `must be one of: ${LOCALES.join(', ')}` })
  locale!: (typeof LOCALES)[number];
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
