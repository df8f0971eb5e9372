/** Named peer guides of codebase tours: the HR control, and the start-time helpers it exports. */
import { Module } from '@nestjs/common';
import { TourGuidesController } from './tour-guides.controller';
import { TourGuidesRepository } from './tour-guides.repository';
import { TourGuidesService } from './tour-guides.service';

@Module({
  controllers: [TourGuidesController],
  providers: [TourGuidesService, TourGuidesRepository],
  exports: [TourGuidesService],
})
export class TourGuidesModule {}
