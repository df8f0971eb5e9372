/**
 * HR's controls. Each opens a confirmation that says what will happen (for a cancel: the access
 * that will be revoked, i.e. the grants the run holds); the dialog shows pending, then the
 * server's answer. Which controls apply is the server's call: a refused one shows its reason.
 */
import { useState } from 'react';
import type { RunDetail } from '../../../api/client';
import { fieldErrors } from '../../../api/client';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DateInput } from '../../../components/date-input';
import { Field } from '../../../components/ui';
import { formatDate, stepName } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useRunControl, useTourGuides, type Control } from '../api/run';

type Kind = Control['kind'];

export function RunControls({ run }: { run: RunDetail }) {
  const { t, lang } = useI18n();
  const control = useRunControl(run.id);
  const [open, setOpen] = useState<Kind | null>(null);
  const [reason, setReason] = useState('');
  const [startDate, setStartDate] = useState('');
  const [lead, setLead] = useState({ sub: '', name: '', email: '' });
  const [lastDay, setLastDay] = useState('');
  const [guide, setGuide] = useState({
    stepId: '',
    sub: '',
    name: '',
    email: '',
    locale: 'fr' as 'fr' | 'en',
  });
  const [done, setDone] = useState(false);
  const errors = fieldErrors(control.error);
  const granted = run.steps.filter((s) => s.kind === 'ACCESS_GRANT' && s.status === 'DONE');
  const active = run.status === 'RUNNING' || run.status === 'PAUSED' || run.status === 'PENDING';
  // Leaving applies to a run that was not cancelled; revoke-now until nothing is left.
  const mayLeave = run.status !== 'CANCELLED' && run.status !== 'FAILED';
  const leaving = run.offboarding;
  const revoked = leaving?.status === 'REVOKED' || leaving?.status === 'COMPLETED';
  const tours = [...run.steps, ...run.plannedSteps].filter(
    (s) => s.kind === 'CODEBASE_TOUR' && s.status !== 'DONE',
  );
  const guides = useTourGuides(run.id, tours.length > 0);

  const openDialog = (kind: Kind) => {
    control.reset();
    setDone(false);
    setReason('');
    if (kind === 'guide') setGuide((g) => ({ ...g, stepId: g.stepId || (tours[0]?.id ?? '') }));
    setOpen(kind);
  };
  const payloadOf = (kind: Kind): Control => {
    switch (kind) {
      case 'cancel':
      case 'revokeNow':
        return { kind, reason };
      case 'reschedule':
        return { kind, startDate };
      case 'reassign':
        return { kind, techLead: lead };
      case 'leave':
        return { kind, lastDay, reason };
      case 'guide': {
        const { stepId, ...peer } = guide;
        return { kind, stepId, guide: peer };
      }
      default:
        return { kind };
    }
  };
  const confirm = () => {
    const payload = payloadOf(open ?? 'pause');
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
    leave: t('leaving.start'),
    revokeNow: t('leaving.revokeNow'),
    guide: t('guide.name'),
  };
  const revokeList =
    granted.length > 0 ? (
      <ul className="revoke-list">
        {granted.map((g) => (
          <li key={g.id}>{stepName(g, lang)}</li>
        ))}
      </ul>
    ) : (
      <p>{t('leaving.noAccess')}</p>
    );
  const reasonField = (id: string) => (
    <Field id={id} label={t('run.reason')} error={errors.reason}>
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
  );

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
      {(mayLeave || tours.length > 0) && (
        <div className="actions wrap">
          {active && tours.length > 0 && (
            <button type="button" className="secondary" onClick={() => openDialog('guide')}>
              {t('guide.name')}
            </button>
          )}
          {mayLeave && !leaving && (
            <button type="button" className="secondary" onClick={() => openDialog('leave')}>
              {t('leaving.start')}
            </button>
          )}
          {mayLeave && !revoked && (
            <button type="button" className="danger" onClick={() => openDialog('revokeNow')}>
              {t('leaving.revokeNow')}
            </button>
          )}
        </div>
      )}
      {guides.data && guides.data.length > 0 && (
        <>
          <h3 id="guides-title">{t('guide.list')}</h3>
          <ul className="plain small guides" aria-labelledby="guides-title">
            {guides.data.map((g) => (
              <li key={g.stepId}>
                {stepName(tours.find((s) => s.id === g.stepId) ?? { id: g.stepId }, lang)} —{' '}
                {t('guide.current', { name: g.name })}
              </li>
            ))}
          </ul>
        </>
      )}
      <ConfirmDialog
        open={open !== null}
        title={open ? t('run.confirmTitle', { action: titles[open] }) : ''}
        confirmLabel={open ? titles[open] : t('common.confirm')}
        pending={control.isPending}
        error={Object.keys(errors).length ? null : control.error}
        danger={open === 'cancel' || open === 'revokeNow'}
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
                {revokeList}
              </>
            ) : (
              <p>{t('run.cancelNoAccess')}</p>
            )}
            {reasonField('cancel-reason')}
          </>
        )}
        {open === 'leave' && (
          <>
            <p>{t('leaving.startWhat', { date: lastDay ? formatDate(lastDay, lang) : '…' })}</p>
            {revokeList}
            <Field id="leave-day" label={t('leaving.lastDay')} error={errors.lastDay}>
              {(p) => (
                <DateInput
                  {...p}
                  value={lastDay}
                  onChange={(e) => setLastDay(e.target.value)}
                  required
                />
              )}
            </Field>
            {reasonField('leave-reason')}
          </>
        )}
        {open === 'revokeNow' && (
          <>
            <p>{t('leaving.revokeNowWhat')}</p>
            {revokeList}
            {reasonField('revoke-reason')}
          </>
        )}
        {open === 'guide' && (
          <>
            <p>{t('guide.what')}</p>
            <Field id="guide-step" label={t('guide.step')}>
              {(p) => (
                <select
                  {...p}
                  value={guide.stepId}
                  onChange={(e) => setGuide({ ...guide, stepId: e.target.value })}
                >
                  {tours.map((s) => (
                    <option key={s.id} value={s.id}>
                      {stepName(s, lang)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="guide-sub" label={t('guide.sub')} error={errors.sub}>
              {(p) => (
                <input
                  {...p}
                  value={guide.sub}
                  onChange={(e) => setGuide({ ...guide, sub: e.target.value })}
                />
              )}
            </Field>
            <Field id="guide-name" label={t('guide.fullName')} error={errors.name}>
              {(p) => (
                <input
                  {...p}
                  value={guide.name}
                  onChange={(e) => setGuide({ ...guide, name: e.target.value })}
                />
              )}
            </Field>
            <Field id="guide-email" label={t('guide.email')} error={errors.email}>
              {(p) => (
                <input
                  {...p}
                  type="email"
                  value={guide.email}
                  onChange={(e) => setGuide({ ...guide, email: e.target.value })}
                />
              )}
            </Field>
            <Field id="guide-locale" label={t('guide.locale')} error={errors.locale}>
              {(p) => (
                <select
                  {...p}
                  value={guide.locale}
                  onChange={(e) =>
                    setGuide({ ...guide, locale: e.target.value === 'en' ? 'en' : 'fr' })
                  }
                >
                  <option value="fr">Français</option>
                  <option value="en">English</option>
                </select>
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
                <DateInput
                  {...p}
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
