/**
 * Where the `onboarding_overdue_tasks` gauge gets its number. There is no task table yet, so the
 * only implementation answers 0; the change that adds onboarding tasks replaces NoOverdueTasks
 * with a repository query (bind it to OVERDUE_TASKS_SOURCE in ObservabilityModule).
 */
export interface OverdueTasksSource {
  /** Open tasks whose due date has passed, across all runs. */
  countOverdue(): Promise<number>;
}

export const OVERDUE_TASKS_SOURCE = Symbol('OVERDUE_TASKS_SOURCE');

export class NoOverdueTasks implements OverdueTasksSource {
  countOverdue(): Promise<number> {
    return Promise.resolve(0);
  }
}
