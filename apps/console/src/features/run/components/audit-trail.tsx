/** The run's audit events (newest first here) and, for HR, the CSV export of the API. */
import type { RunDetail } from '../../../api/client';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';

export function AuditTrail({ run, canExport }: { run: RunDetail; canExport: boolean }) {
  const { t, lang } = useI18n();
  const events = [...run.timeline].reverse();
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('run.audit')}</h2>
      {canExport && (
        <p>
          <a href={`/v1/onboardings/${run.id}/audit.csv`} download>
            {t('run.auditCsv')}
          </a>
        </p>
      )}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('run.auditAt')}</th>
              <th scope="col">{t('run.auditActor')}</th>
              <th scope="col">{t('run.auditAction')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e, i) => (
              <tr key={`${e.at}-${i}`}>
                <td>{formatDateTime(e.at, lang)}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
