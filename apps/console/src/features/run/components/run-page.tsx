/** One run: summary and progress, timeline, overdue tasks, access, controls (HR) and audit trail. */
import { Link } from '@tanstack/react-router';
import { ErrorPage } from '../../../components/pages';
import { LiveNote, Loading, OverdueBadge, Progress, StatusBadge } from '../../../components/ui';
import { formatDate } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { hasRole } from '../../../lib/session';
import { useSession } from '../../../lib/session-context';
import { useRun } from '../api/run';
import { AccessPanel } from './access-panel';
import { AuditTrail } from './audit-trail';
import { LeavingPanel } from './leaving-panel';
import { RunControls } from './run-controls';
import { Timeline } from './timeline';
import { TrialPanel } from './trial-panel';

export function RunPage({ runId }: { runId: string }) {
  const { t, lang, label } = useI18n();
  const session = useSession();
  const run = useRun(runId);
  if (run.isPending) return <Loading />;
  if (run.error) return <ErrorPage error={run.error} retry={() => void run.refetch()} />;
  const r = run.data;
  const hr = hasRole(session, 'HR', 'ADMIN');
  return (
    <article aria-labelledby="run-title" className="run-page">
      {hasRole(session, 'HR', 'ADMIN', 'HEAD_OF_DF', 'TECH_LEAD') && (
        <p>
          <Link to="/runs">← {t('common.back')}</Link>
        </p>
      )}
      <div className="page-head">
        <h1 id="run-title">{r.hire.fullName}</h1>
        <StatusBadge status={r.status} />
        {r.overdueTasks.length > 0 && <OverdueBadge />}
      </div>
      <LiveNote />
      <section className="card" aria-label={t('run.summary')}>
        <Progress {...r.progress} />
        <dl className="facts">
          <div>
            <dt>{t('runs.phase')}</dt>
            <dd>{label('phase', r.phase)}</dd>
          </div>
          <div>
            <dt>{t('runs.startDate')}</dt>
            <dd>{formatDate(r.startDate, lang)}</dd>
          </div>
          <div>
            <dt>{t('start.techLead')}</dt>
            <dd>{r.techLead?.name ?? r.techLead?.sub ?? t('common.none')}</dd>
          </div>
          <div>
            <dt>{t('run.plan')}</dt>
            <dd>
              {r.plan
                ? `${lang === 'en' ? r.plan.title.en : r.plan.title.fr} (v${r.plan.version})`
                : t('common.none')}
            </dd>
          </div>
        </dl>
      </section>
      <div className="columns">
        <div>
          <Timeline run={r} />
        </div>
        <div>
          {r.trial && <TrialPanel trial={r.trial} />}
          <LeavingPanel run={r} />
          <section className="card" aria-labelledby="overdue-title">
            <h2 id="overdue-title">{t('run.overdueTasks')}</h2>
            {r.overdueTasks.length === 0 ? (
              <p>{t('run.noOverdue')}</p>
            ) : (
              <ul className="plain">
                {r.overdueTasks.map((task) => (
                  <li key={task.key}>
                    {label('kind', task.kind)} ({task.stepId}) —{' '}
                    {t('run.waitingOn', { who: label('role', task.assigneeRole) })} —{' '}
                    {t('run.due', { date: formatDate(task.dueAt, lang) })}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <AccessPanel run={r} canVerify={hasRole(session, 'HR', 'ADMIN', 'IT', 'TECH_LEAD')} />
          {hr && <RunControls run={r} />}
        </div>
      </div>
      <AuditTrail run={r} canExport={hr} />
    </article>
  );
}
