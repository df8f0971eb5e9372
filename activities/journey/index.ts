/**
 * The journey's activities, grouped by concern: the run's steps, decisions and grants
 * (steps.activities.ts), its tasks (tasks.activities.ts) and its notices (notices.activities.ts);
 * the emails they send are composed in role-email.ts. Activity names are the workflows' contract
 * (they call them by name, replay fixtures record them): a group may move, a name may not change.
 */
import { createNoticeActivities } from './notices.activities';
import { createRoleEmailer, type JourneyDeps } from './role-email';
import { createStepActivities } from './steps.activities';
import { createTaskActivities } from './tasks.activities';

export type { JourneyDeps } from './role-email';

export function createJourneyActivities(deps: JourneyDeps) {
  const emailer = createRoleEmailer(deps);
  return {
    ...createStepActivities(deps.prisma),
    ...createTaskActivities(deps.prisma, emailer),
    ...createNoticeActivities(emailer),
  };
}
