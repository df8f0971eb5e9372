/** The trial period as the API reports it: state, dates, renewal, decision and co-signature, risk. */
import type { RunDetail } from '../../../api/client';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';

export function TrialPanel({ trial }: { trial: NonNullable<RunDetail['trial']> }) {
  const { t, lang, label } = useI18n();
  return (
    <section className="card" aria-labelledby="trial-title">
      <h2 id="trial-title">
        {t('trial.title')}{' '}
        {trial.atRisk && <span className="badge badge-risk">{t('runs.trialRisk')}</span>}
      </h2>
      {trial.atRisk && (
        <p className="alert alert-warning" role="status">
          {t('trial.risk')}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t('trial.status')}</dt>
          <dd>{label('trial', trial.status)}</dd>
        </div>
        <div>
          <dt>{t('trial.endDate')}</dt>
          <dd>{formatDate(trial.endDate, lang)}</dd>
        </div>
        <div>
          <dt>{t('trial.lastWorkingDay')}</dt>
          <dd>{formatDate(trial.lastWorkingDay, lang)}</dd>
        </div>
        <div>
          <dt>{t('trial.renewal')}</dt>
          <dd>
            {trial.renewed
              ? t('trial.renewed')
              : trial.renewable
                ? t('trial.renewable')
                : t('trial.notRenewable')}{' '}
            · {t('trial.noticeDays', { n: trial.noticeDays })}
          </dd>
        </div>
        {trial.decisionDueAt && (
          <div>
            <dt>{t('trial.decisionDue')}</dt>
            <dd>{formatDateTime(trial.decisionDueAt, lang)}</dd>
          </div>
        )}
        {trial.lastDay && (
          <div>
            <dt>{t('trial.lastDay')}</dt>
            <dd>{formatDate(trial.lastDay, lang)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
