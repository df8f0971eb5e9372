import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** The hire states which text they read: the version and hash must be the run's plan snapshot. */
export class AcknowledgeDocumentDto {
  @ApiProperty({ example: '2026.1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  version!: string;

  @ApiProperty({ example: '9f86d081…', description: 'SHA-256 (hex) of the document content' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 hex digest (64 lower-case hex)' })
  contentHash!: string;

  @ApiProperty({ enum: [true], description: 'The hire confirms having read the document' })
  @Equals(true, { message: 'must be true' })
  confirm!: true;
}
