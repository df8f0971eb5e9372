/**
 * HR's controls. Each opens a confirmation that says what will happen (for a cancel: the access
 * that will be revoked, i.e. the grants the run holds); the dialog shows pending, then the
 * server's answer. Which controls apply is the server's call: a refused one shows its reason.
 */
import { useState } from 'react';
import type { RunDetail } from '../../../api/client';
import { fieldErrors } from '../../../api/client';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { Field } from '../../../components/ui';
import { formatDate, stepName } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useRunControl, type Control } from '../api/run';

type Kind = Control['kind'];

export function RunControls({ run }: { run: RunDetail }) {
  const { t, lang } = useI18n();
  const control = useRunControl(run.id);
  const [open, setOpen] = useState<Kind | null>(null);
  const [reason, setReason] = useState('');
  const [startDate, setStartDate] = useState('');
  const [lead, setLead] = useState({ sub: '', name: '', email: '' });
  const [done, setDone] = useState(false);
  const errors = fieldErrors(control.error);
  const granted = run.steps.filter((s) => s.kind === 'ACCESS_GRANT' && s.status === 'DONE');
  const active = run.status === 'RUNNING' || run.status === 'PAUSED' || run.status === 'PENDING';

  const openDialog = (kind: Kind) => {
    control.reset();
    setDone(false);
    setOpen(kind);
  };
  const confirm = () => {
    const payload: Control =
      open === 'cancel'
        ? { kind: 'cancel', reason }
        : open === 'reschedule'
          ? { kind: 'reschedule', startDate }
          : open === 'reassign'
            ? { kind: 'reassign', techLead: lead }
            : { kind: open ?? 'pause' };
    control.mutate(payload, {
      onSuccess: () => {
        setOpen(null);
        setDone(true);
      },
    });
  };
  const titles: Record<Kind, string> = {
    pause: t('run.pause'),
    resume: t('run.resume'),
    cancel: t('run.cancel'),
    reschedule: t('run.reschedule'),
    reassign: t('run.reassign'),
  };

  return (
    <section className="card" aria-labelledby="controls-title">
      <h2 id="controls-title">{t('run.controls')}</h2>
      {done && (
        <p className="alert alert-success" role="status">
          {t('run.actionDone')}
        </p>
      )}
      {active ? (
        <div className="actions wrap">
          {run.status === 'RUNNING' && (
            <button type="button" className="secondary" onClick={() => openDialog('pause')}>
              {t('run.pause')}
            </button>
          )}
          {run.status === 'PAUSED' && (
            <button type="button" className="secondary" onClick={() => openDialog('resume')}>
              {t('run.resume')}
            </button>
          )}
          <button type="button" className="secondary" onClick={() => openDialog('reschedule')}>
            {t('run.reschedule')}
          </button>
          <button type="button" className="secondary" onClick={() => openDialog('reassign')}>
            {t('run.reassign')}
          </button>
          <button type="button" className="danger" onClick={() => openDialog('cancel')}>
            {t('run.cancel')}
          </button>
        </div>
      ) : (
        <p className="muted">—</p>
      )}
      <ConfirmDialog
        open={open !== null}
        title={open ? t('run.confirmTitle', { action: titles[open] }) : ''}
        confirmLabel={open ? titles[open] : t('common.confirm')}
        pending={control.isPending}
        error={Object.keys(errors).length ? null : control.error}
        danger={open === 'cancel'}
        onConfirm={confirm}
        onClose={() => setOpen(null)}
      >
        {open === 'pause' && <p>{t('run.pauseWhat')}</p>}
        {open === 'resume' && <p>{t('run.resumeWhat')}</p>}
        {open === 'cancel' && (
          <>
            {granted.length > 0 ? (
              <>
                <p>{t('run.cancelWhat')}</p>
                <ul className="revoke-list">
                  {granted.map((g) => (
                    <li key={g.id}>{stepName(g, lang)}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{t('run.cancelNoAccess')}</p>
            )}
            <Field id="cancel-reason" label={t('run.reason')} error={errors.reason}>
              {(p) => (
                <textarea
                  {...p}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  required
                  rows={3}
                />
              )}
            </Field>
          </>
        )}
        {open === 'reschedule' && (
          <>
            <p>
              {t('run.rescheduleWhat', { date: startDate ? formatDate(startDate, lang) : '…' })}
            </p>
            <Field id="new-start" label={t('run.newStartDate')} error={errors.startDate}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={startDate}
                  onChange={(e) => setStartDate(e.target.value)}
                  required
                />
              )}
            </Field>
          </>
        )}
        {open === 'reassign' && (
          <>
            <p>{t('run.reassignWhat', { name: lead.name || '…' })}</p>
            <Field id="tl-sub" label={t('start.tlSub')} error={errors.sub}>
              {(p) => (
                <input
                  {...p}
                  value={lead.sub}
                  onChange={(e) => setLead({ ...lead, sub: e.target.value })}
                />
              )}
            </Field>
            <Field id="tl-name" label={t('start.tlName')} error={errors.name}>
              {(p) => (
                <input
                  {...p}
                  value={lead.name}
                  onChange={(e) => setLead({ ...lead, name: e.target.value })}
                />
              )}
            </Field>
            <Field id="tl-email" label={t('start.tlEmail')} error={errors.email}>
              {(p) => (
                <input
                  {...p}
                  type="email"
                  value={lead.email}
                  onChange={(e) => setLead({ ...lead, email: e.target.value })}
                />
              )}
            </Field>
          </>
        )}
      </ConfirmDialog>
    </section>
  );
}
