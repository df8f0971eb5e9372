/**
 * "My journey": the hire's progress, what to do now (the task forms, composed in by the route)
 * and the whole plan as a checklist with dates.
 */
import type { ReactNode } from 'react';
import { ErrorPage } from '../../../components/pages';
import { LiveNote, Loading, Progress, StatusBadge } from '../../../components/ui';
import { formatDate, formatDateTime, stepName } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useMyRun } from '../api/journey';

export function JourneyPage({
  todo,
  tours,
}: {
  todo: ReactNode;
  /** The run's upcoming tours (composed in by the route: features do not import each other). */
  tours?: (runId: string) => ReactNode;
}) {
  const { t, lang, label } = useI18n();
  const run = useMyRun();
  if (run.isPending) return <Loading />;
  if (run.error) return <ErrorPage error={run.error} retry={() => void run.refetch()} />;
  if (!run.data) {
    return (
      <section aria-labelledby="journey-title">
        <h1 id="journey-title">{t('journey.title')}</h1>
        <p className="card">{t('journey.none')}</p>
      </section>
    );
  }
  const r = run.data;
  const phases = [...new Set(r.steps.map((s) => s.phase))];
  return (
    <section aria-labelledby="journey-title">
      <div className="page-head">
        <h1 id="journey-title">{t('journey.title')}</h1>
        <StatusBadge status={r.status} />
      </div>
      <LiveNote />
      <div className="card">
        <Progress {...r.progress} />
        <p>{t('journey.startDate', { date: formatDate(r.startDate, lang) })}</p>
      </div>
      <h2>{t('journey.todo')}</h2>
      {todo}
      {tours?.(r.id)}
      <h2>{t('journey.plan')}</h2>
      {phases.map((phase) => (
        <section key={phase} className="card" aria-label={label('phase', phase)}>
          <h3>{label('phase', phase)}</h3>
          <ul className="checklist">
            {r.steps
              .filter((s) => s.phase === phase)
              .map((s) => (
                <li key={s.id} className={s.status === 'DONE' ? 'checked' : undefined}>
                  <span aria-hidden="true" className="check">
                    {s.status === 'DONE' ? '✓' : '○'}
                  </span>
                  <span className="step-name">{stepName(s, lang)}</span>{' '}
                  <StatusBadge status={s.status} />
                  <span className="muted small">
                    {' '}
                    {s.completedAt
                      ? t('run.done', { date: formatDateTime(s.completedAt, lang) })
                      : t('run.due', { date: formatDate(s.dueAt, lang) })}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
