/** Notices about the run (started, completed, cancelled…) to the roles the workflow names. */
import type { OwnerRole } from '../../workflows/definitions';
import type { RoleEmailer } from './role-email';

export function createNoticeActivities({ emailRole }: RoleEmailer) {
  return {
    async notifyRun({
      runId,
      template,
      to,
      key,
      stepId,
    }: {
      runId: string;
      template: string;
      to: OwnerRole[];
      key: string;
      stepId?: string;
    }): Promise<void> {
      for (const role of to)
        await emailRole({
          runId,
          role,
          key: `notice:${key}:${role}`,
          notice: 'notice',
          subjectKey: template,
          stepId: stepId ?? '-',
        });
    },
  };
}
