import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextDto } from '../../plans/dto/plan-response.dto';

export class TourResponseDto {
  @ApiProperty({ example: 'tour-architecture-overview' }) stepId!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ type: [String], example: ['service map', 'Cargo workspaces'] }) topics!: string[];
  @ApiProperty({ format: 'date-time', description: 'Start of the one-hour slot (due − 1 h)' })
  startsAt!: string;
  @ApiProperty({ format: 'date-time', description: 'The tour is due by then (end of the slot)' })
  endsAt!: string;
  @ApiProperty({
    example: 'PENDING',
    description: "The step's status (PENDING until the tour opens on its day)",
  })
  status!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Named peer guide, else the tech lead',
  })
  guideName!: string | null;
  @ApiProperty({ description: 'Not done, not cancelled, and its slot has not ended' })
  upcoming!: boolean;
}
