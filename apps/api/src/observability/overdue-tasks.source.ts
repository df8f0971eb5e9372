/** Where the `onboarding_overdue_tasks` gauge gets its number: the task table of the read model. */
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';

export interface OverdueTasksSource {
  /** Open tasks whose due date has passed, across all runs. */
  countOverdue(): Promise<number>;
}

export const OVERDUE_TASKS_SOURCE = Symbol('OVERDUE_TASKS_SOURCE');

/** Counts OPEN tasks past due (index task(assignee_role, status, due_at) / task(run_id, status, due_at)). */
@Injectable()
export class TaskTableOverdueTasks implements OverdueTasksSource {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  countOverdue(): Promise<number> {
    return this.prisma.task.count({ where: { status: 'OPEN', dueAt: { lt: new Date() } } });
  }
}
