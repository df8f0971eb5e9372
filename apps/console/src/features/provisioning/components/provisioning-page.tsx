/**
 * IT's provisioning queue: failed grants (retry through the connector, or confirm by hand), grants
 * to do by hand (confirm with a reference), and drift found by the last verification (verify
 * again). What is in each list and what an action did is the server's answer, never a guess.
 */
import { Link } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { fieldErrors } from '../../../api/client';
import { ErrorPage } from '../../../components/pages';
import { Pager } from '../../../components/pager';
import { Field, LiveNote, Loading, OverdueBadge, ProblemMessage } from '../../../components/ui';
import { formatDate, formatDateTime, stepName } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import {
  PAGE,
  useConfirmGrant,
  useQueue,
  useRetryGrant,
  useVerifyAccess,
  type QueueItem,
  type QueueKind,
} from '../api/provisioning';

const KINDS: QueueKind[] = ['FAILED', 'MANUAL', 'DRIFT'];

export function ProvisioningPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="prov-title">
      <h1 id="prov-title">{t('prov.title')}</h1>
      <LiveNote />
      {KINDS.map((kind) => (
        <QueueSection key={kind} kind={kind} />
      ))}
    </section>
  );
}

function QueueSection({ kind }: { kind: QueueKind }) {
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const queue = useQueue(kind, offset);
  const titleId = `prov-${kind.toLowerCase()}`;
  return (
    <section aria-labelledby={titleId} className={`queue queue-${kind.toLowerCase()}`}>
      <h2 id={titleId}>
        {t(`prov.${kind}`)}
        {queue.data ? ` (${queue.data.total})` : ''}
      </h2>
      <p className="muted small">{t(`prov.${kind}Hint`)}</p>
      {queue.isPending ? (
        <Loading />
      ) : queue.error ? (
        <ErrorPage error={queue.error} retry={() => void queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <p className="card">{t('prov.empty')}</p>
      ) : (
        <ul className="task-list">
          {queue.data.items.map((item) => (
            <QueueRow key={`${item.runId}-${item.stepId}`} item={item} />
          ))}
        </ul>
      )}
      {queue.data && (
        <Pager
          section={t(`prov.${kind}`)}
          offset={offset}
          limit={PAGE}
          total={queue.data.total}
          onOffset={setOffset}
        />
      )}
    </section>
  );
}

function QueueRow({ item }: { item: QueueItem }) {
  const { t, lang, label } = useI18n();
  return (
    <li className={`card task${item.overdue ? ' task-late' : ''}`}>
      <div className="task-head">
        <h3>{stepName({ id: item.stepId, title: item.stepTitle }, lang)}</h3>
        {item.overdue && <OverdueBadge />}
      </div>
      <p>
        <Link to="/runs/$runId" params={{ runId: item.runId }}>
          {t('prov.openRun', { name: item.hireName })}
        </Link>
      </p>
      <p className="muted small">
        {t('prov.system', { system: item.system })}
        {item.scope ? ` · ${t('prov.scope', { scope: item.scope })}` : ''}
        {item.dueAt ? ` · ${t('run.due', { date: formatDate(item.dueAt, lang) })}` : ''}
      </p>
      {item.kind === 'DRIFT' ? (
        <>
          <p className="muted small">
            {t('prov.expected', { value: label('access', item.expected ?? '') })} ·{' '}
            {t('prov.observed', { value: label('access', item.observed ?? '') })} ·{' '}
            {t('prov.verifiedAt', { date: formatDateTime(item.verifiedAt, lang) })}
          </p>
          <VerifyAgain runId={item.runId} />
        </>
      ) : (
        <>
          {item.kind === 'FAILED' && <RetryGrant runId={item.runId} stepId={item.stepId} />}
          {item.taskId && <ConfirmGrant taskId={item.taskId} />}
        </>
      )}
    </li>
  );
}

function RetryGrant({ runId, stepId }: { runId: string; stepId: string }) {
  const { t } = useI18n();
  const retry = useRetryGrant(runId, stepId);
  return (
    <div className="actions">
      <button type="button" disabled={retry.isPending} onClick={() => retry.mutate()}>
        {retry.isPending ? t('common.pending') : t('prov.retry')}
      </button>
      {retry.data && (
        <p className="alert alert-success" role="status">
          {retry.data.outcome === 'GRANTED'
            ? t('prov.retried', { ref: retry.data.externalRef ?? '—' })
            : t('prov.already')}
        </p>
      )}
      <ProblemMessage error={retry.error} />
    </div>
  );
}

function ConfirmGrant({ taskId }: { taskId: string }) {
  const { t } = useI18n();
  const confirm = useConfirmGrant(taskId);
  const id = useId();
  const errors = fieldErrors(confirm.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const value = new FormData(e.currentTarget).get('externalRef');
    confirm.mutate(typeof value === 'string' ? value.trim() : '');
  };
  return (
    <form onSubmit={submit} className="confirm-grant">
      <Field id={`${id}-ref`} label={t('prov.ref')} error={errors.externalRef}>
        {(p) => <input {...p} name="externalRef" autoComplete="off" />}
      </Field>
      <button type="submit" className="secondary" disabled={confirm.isPending}>
        {confirm.isPending ? t('common.pending') : t('prov.confirm')}
      </button>
      {confirm.isSuccess && (
        <p className="alert alert-success" role="status">
          {t('prov.done')}
        </p>
      )}
      {!errors.externalRef && <ProblemMessage error={confirm.error} />}
    </form>
  );
}

function VerifyAgain({ runId }: { runId: string }) {
  const { t } = useI18n();
  const verify = useVerifyAccess(runId);
  return (
    <div className="actions">
      <button type="button" disabled={verify.isPending} onClick={() => verify.mutate()}>
        {verify.isPending ? t('common.pending') : t('prov.verify')}
      </button>
      {verify.data && (
        <p className="alert alert-success" role="status">
          {verify.data.drift ? t('prov.verifiedDrift') : t('prov.verifiedOk')}
        </p>
      )}
      <ProblemMessage error={verify.error} />
    </div>
  );
}
