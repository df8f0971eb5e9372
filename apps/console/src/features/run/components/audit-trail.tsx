/**
 * The run's audit events (newest first here), their actions in words, and, for HR, the CSV export
 * of the API (which keeps the raw action keys).
 */
import { useState } from 'react';
import type { RunDetail } from '../../../api/client';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { auditActionLabel } from '../../../lib/messages-audit';

/** Events shown before "show all": the newest ones (the CSV has everything). */
const RECENT = 15;

export function AuditTrail({ run, canExport }: { run: RunDetail; canExport: boolean }) {
  const { t, lang, label } = useI18n();
  const [all, setAll] = useState(false);
  const newestFirst = [...run.timeline].reverse();
  const events = all ? newestFirst : newestFirst.slice(0, RECENT);
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
        <table className="audit">
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
                <td>
                  {e.actorKind === 'SYSTEM'
                    ? label('actor', 'SYSTEM')
                    : !e.actorName
                      ? e.actor
                      : e.actorKind === 'PERSON'
                        ? e.actorName
                        : `${e.actorName} (${label('actor', e.actorKind)})`}
                </td>
                <td>{auditActionLabel(e.action, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {newestFirst.length > RECENT && (
        <button
          type="button"
          className="secondary"
          onClick={() => setAll(!all)}
          aria-expanded={all}
        >
          {all ? t('run.auditRecent', { n: RECENT }) : t('run.auditAll', { n: newestFirst.length })}
        </button>
      )}
    </section>
  );
}
