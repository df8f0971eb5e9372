/** A run's codebase tours for the hire and their calendar download (docs/api.md, "Tours"). */
import { Module } from '@nestjs/common';
import { ToursController } from './tours.controller';
import { ToursRepository } from './tours.repository';
import { ToursService } from './tours.service';

@Module({ controllers: [ToursController], providers: [ToursService, ToursRepository] })
export class ToursModule {}
