import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '../auth/roles';

export class MeResponseDto {
  @ApiProperty({ example: 'hr-demo' }) sub!: string;
  @ApiPropertyOptional({ example: 'Afi Dossou' }) name?: string;
  @ApiPropertyOptional({ example: 'afi.dossou@example.tg' }) email?: string;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['HR'] }) roles!: string[];
  @ApiPropertyOptional({ example: 'fr' }) locale?: string;
  @ApiPropertyOptional({
    description:
      'Cookie sessions only: send it back as the X-CSRF-Token header on every change ' +
      '(POST, PUT, PATCH, DELETE).',
  })
  csrfToken?: string;
}

export class LogoutResponseDto {
  @ApiProperty({
    nullable: true,
    description: "The provider's end-session address: navigate there to sign out of it too.",
  })
  logoutUrl!: string | null;
}
