/** Access grants of the run (from its steps) and, on demand, what the target systems show. */
import type { RunDetail } from '../../../api/client';
import { ProblemMessage, StatusBadge } from '../../../components/ui';
import { formatDateTime, stepName } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useVerifyAccess } from '../api/run';

export function AccessPanel({ run, canVerify }: { run: RunDetail; canVerify: boolean }) {
  const { t, lang, label } = useI18n();
  const verify = useVerifyAccess(run.id);
  const grants = run.steps.filter((s) => s.kind === 'ACCESS_GRANT');
  return (
    <section className="card" aria-labelledby="access-title">
      <h2 id="access-title">{t('run.access')}</h2>
      {grants.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul className="plain access-list">
          {grants.map((g) => (
            <li key={g.id}>
              {stepName(g, lang)} <StatusBadge status={g.status} />
            </li>
          ))}
        </ul>
      )}
      {canVerify && (
        <button
          type="button"
          className="secondary"
          onClick={() => verify.mutate()}
          disabled={verify.isPending}
        >
          {verify.isPending ? t('common.pending') : t('run.verify')}
        </button>
      )}
      <ProblemMessage error={verify.error} />
      {verify.data && (
        <div className="table-wrap" role="status">
          <p>
            {t('run.verifyResult', { date: formatDateTime(verify.data.verifiedAt, lang) })} —{' '}
            {verify.data.drift ? t('run.drift') : t('run.noDrift')}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('run.system')}</th>
                <th scope="col">{t('run.expected')}</th>
                <th scope="col">{t('run.observed')}</th>
              </tr>
            </thead>
            <tbody>
              {verify.data.checks.map((c) => (
                <tr key={`${c.stepId}-${c.system}`} className={c.drift ? 'row-drift' : undefined}>
                  <td>
                    {c.system} ({c.stepId})
                  </td>
                  <td>{label('access', c.expected)}</td>
                  <td>{label('access', c.observed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
