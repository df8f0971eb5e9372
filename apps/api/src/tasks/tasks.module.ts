/**
 * Tasks and decisions: the caller's open tasks, completing them, and the run-scoped endpoints of
 * acknowledgements, access approvals and checkpoint reviews. Identity rules: caller-scope.ts.
 */
import { Module } from '@nestjs/common';
import { CallerScope } from './caller-scope';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({
  controllers: [TasksController, DecisionsController],
  providers: [TasksService, DecisionsService, TasksRepository, CallerScope],
  exports: [TasksService],
})
export class TasksModule {}
