/**
 * The leaving journey of the run (when it has one): last day, reason, state of the revocation and
 * its verification, and its steps (the run's LEAVING phase) with their owners' state.
 */
import type { RunDetail } from '../../../api/client';
import { StatusBadge } from '../../../components/ui';
import { formatDate, formatDateTime, stepName } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';

export function LeavingPanel({ run }: { run: RunDetail }) {
  const { t, lang, label } = useI18n();
  const leaving = run.offboarding;
  if (!leaving) return null;
  const steps = run.steps.filter((s) => s.phase === 'LEAVING');
  return (
    <section className="card" aria-labelledby="leaving-title">
      <h2 id="leaving-title">
        {t('leaving.title')} <span className="badge">{label('leaving', leaving.status)}</span>
      </h2>
      {leaving.emergency && (
        <p className="alert alert-warning" role="status">
          {t('leaving.emergency')}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t('leaving.lastDay')}</dt>
          <dd>{formatDate(leaving.lastDay, lang)}</dd>
        </div>
        <div>
          <dt>{t('leaving.reason')}</dt>
          <dd>{leaving.reason ?? t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('leaving.revokeAt')}</dt>
          <dd>{leaving.revokeAt ? formatDateTime(leaving.revokeAt, lang) : '—'}</dd>
        </div>
        <div>
          <dt>{t('leaving.source')}</dt>
          <dd>{label('leaving.source', leaving.source)}</dd>
        </div>
      </dl>
      {leaving.remaining.length > 0 && (
        <>
          <p>{t('leaving.remaining')}</p>
          <ul className="revoke-list">
            {leaving.remaining.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </>
      )}
      {steps.length > 0 && (
        <>
          <h3>{t('leaving.steps')}</h3>
          <ol className="steps">
            {steps.map((step) => (
              <li key={step.id} className={`step step-${step.status.toLowerCase()}`}>
                <div className="step-head">
                  <span className="step-name">{stepName(step, lang)}</span>
                  <StatusBadge status={step.status} />
                </div>
                <p className="step-meta">
                  {label('kind', step.kind)} ·{' '}
                  {step.completedAt
                    ? t('run.done', { date: formatDateTime(step.completedAt, lang) })
                    : t('run.due', { date: formatDate(step.dueAt, lang) })}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
