import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { SHA256_PATTERN } from '../../http/api-fields';

/** The hire states which text they read: the version and hash must be the run's plan snapshot. */
export class AcknowledgeDocumentDto {
  @ApiProperty({ example: '2026.1', minLength: 1, maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  version!: string;

  @ApiProperty({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    description: 'SHA-256 (hex) of the document content',
    pattern: SHA256_PATTERN,
  })
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 hex digest (64 lower-case hex)' })
  contentHash!: string;

  @ApiProperty({
    type: Boolean,
    enum: [true],
    description: 'The hire confirms having read the document',
  })
  @Equals(true, { message: 'must be true' })
  confirm!: true;
}
