import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OnboardingResponseDto } from './onboarding-response.dto';

export class OnboardingListResponseDto {
  @ApiProperty({ type: [OnboardingResponseDto] }) items!: OnboardingResponseDto[];

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
