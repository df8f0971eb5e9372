/**
 * The head of the Digital Factory's page: every run at a glance (counts from the API) and what
 * was escalated to them, oldest first. Deciding happens in "My tasks", where the task's form is.
 */
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ErrorPage } from '../../../components/pages';
import { Pager } from '../../../components/pager';
import { LiveNote, Loading, OverdueBadge } from '../../../components/ui';
import { formatDate, formatDateTime, stepName } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { PAGE, useEscalations, useRunsOverview } from '../api/oversight';

export function OversightPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="oversight-title">
      <h1 id="oversight-title">{t('oversight.title')}</h1>
      <LiveNote />
      <Overview />
      <Escalations />
    </section>
  );
}

function Overview() {
  const { t, lang, label } = useI18n();
  const overview = useRunsOverview();
  if (overview.isPending) return <Loading />;
  if (overview.error)
    return <ErrorPage error={overview.error} retry={() => void overview.refetch()} />;
  const o = overview.data;
  const figures = [
    ['oversight.total', o.total],
    ['oversight.overdue', o.overdue],
    ['oversight.trialAtRisk', o.trialAtRisk],
    ['oversight.escalations', o.escalations],
  ] as const;
  return (
    <section className="card" aria-labelledby="overview-title">
      <h2 id="overview-title">{t('oversight.overview')}</h2>
      <dl className="figures">
        {figures.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {o.overdue > 0 && (
        <p>
          <Link to="/runs" search={{ overdue: true }}>
            {t('oversight.seeOverdue')}
          </Link>
        </p>
      )}
      <div className="columns">
        <div>
          <h3>{t('oversight.byStatus')}</h3>
          <dl className="facts">
            {o.byStatus.map((s) => (
              <div key={s.key}>
                <dt>{label('status', s.key)}</dt>
                <dd>{s.count}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div>
          <h3>{t('oversight.byPhase')}</h3>
          <dl className="facts">
            {o.byPhase.map((p) => (
              <div key={p.key}>
                <dt>{label('phase', p.key)}</dt>
                <dd>{p.count}</dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
      <p className="muted small">{t('oversight.at', { date: formatDateTime(o.at, lang) })}</p>
    </section>
  );
}

function Escalations() {
  const { t, lang, label } = useI18n();
  const [offset, setOffset] = useState(0);
  const page = useEscalations(offset);
  if (page.isPending) return <Loading />;
  if (page.error) return <ErrorPage error={page.error} retry={() => void page.refetch()} />;
  const { items, total } = page.data;
  return (
    <section aria-labelledby="escalations-title">
      <h2 id="escalations-title">{t('oversight.list')}</h2>
      {items.length === 0 ? (
        <p className="card">{t('oversight.empty')}</p>
      ) : (
        <ul className="task-list">
          {items.map((e) => (
            <li key={e.taskId} className={`card task escalation${e.overdue ? ' task-late' : ''}`}>
              <div className="task-head">
                <h3>{label('reason', e.reason)}</h3>
                {e.overdue && <OverdueBadge />}
              </div>
              <p>
                <Link to="/runs/$runId" params={{ runId: e.runId }}>
                  {e.hireName}
                </Link>
                {' · '}
                {stepName({ id: e.stepId, title: e.stepTitle }, lang)}
              </p>
              <p className="muted small">
                {label('kind', e.kind)} ·{' '}
                {t('oversight.since', { date: formatDate(e.since, lang) })}
                {e.dueAt ? ` · ${t('run.due', { date: formatDate(e.dueAt, lang) })}` : ''}
              </p>
              <p className="muted small">
                {t('oversight.mustAct', { who: label('role', e.assigneeRole) })}
              </p>
              {e.actionable && (
                <p>
                  <Link to="/inbox">{t('oversight.decide')}</Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager
        section={t('oversight.list')}
        offset={offset}
        limit={PAGE}
        total={total}
        onOffset={setOffset}
      />
    </section>
  );
}
