/**
 * HR starts a run. No rule is checked here beyond what the browser's inputs do on their own: the
 * API validates and its field errors appear next to the fields; a duplicate hire links to the
 * run that already exists.
 */
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { ApiError, fieldErrors } from '../../../api/client';
import { DateInput } from '../../../components/date-input';
import { Field, ProblemMessage } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { usePlans, useStartRun, type StartRunBody } from '../api/runs';

export function StartRunPage() {
  const { t, lang } = useI18n();
  const plans = usePlans();
  const start = useStartRun();
  const navigate = useNavigate();
  const [submitted, setSubmitted] = useState(false);
  const errors = fieldErrors(start.error);
  const duplicate =
    start.error instanceof ApiError && start.error.status === 409
      ? start.error.problem.run
      : undefined;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (name: string) => {
      const v = f.get(name);
      return typeof v === 'string' ? v : '';
    };
    const body: StartRunBody = {
      fullName: text('fullName'),
      email: text('email'),
      startDate: text('startDate'),
      locale: text('locale') === 'en' ? 'en' : 'fr',
      timeZone: 'Africa/Lome',
      techLead: { sub: text('tlSub'), name: text('tlName'), email: text('tlEmail') },
      ...(text('planKey') ? { planKey: text('planKey') } : {}),
    };
    setSubmitted(true);
    start.mutate(body, {
      onSuccess: (run) => void navigate({ to: '/runs/$runId', params: { runId: run.id } }),
    });
  };

  return (
    <section aria-labelledby="start-title" className="narrow">
      <h1 id="start-title">{t('start.title')}</h1>
      <form className="card form" onSubmit={submit} noValidate>
        <Field id="planKey" label={t('start.plan')} error={errors.planKey}>
          {(p) => (
            <select {...p} name="planKey" disabled={plans.isPending}>
              {(plans.data ?? []).map((plan) => (
                <option key={plan.key} value={plan.key}>
                  {t('start.planVersion', {
                    title: lang === 'en' ? plan.title.en : plan.title.fr,
                    version: plan.version,
                  })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset>
          <legend>{t('start.hire')}</legend>
          <Field id="fullName" label={t('start.fullName')} error={errors.fullName}>
            {(p) => <input {...p} name="fullName" autoComplete="off" required />}
          </Field>
          <Field id="email" label={t('start.email')} error={errors.email}>
            {(p) => <input {...p} name="email" type="email" autoComplete="off" required />}
          </Field>
          <Field id="startDate" label={t('start.startDate')} error={errors.startDate}>
            {(p) => <DateInput {...p} name="startDate" required />}
          </Field>
          <Field id="locale" label={t('start.locale')} error={errors.locale}>
            {(p) => (
              <select {...p} name="locale" defaultValue="fr">
                <option value="fr">Français</option>
                <option value="en">English</option>
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('start.techLead')}</legend>
          <Field
            id="tlSub"
            label={t('start.tlSub')}
            error={errors['techLead.sub'] ?? errors.techLead}
          >
            {(p) => (
              <input {...p} name="tlSub" autoComplete="off" placeholder="tl-akossiwa" required />
            )}
          </Field>
          <Field id="tlName" label={t('start.tlName')} error={errors['techLead.name']}>
            {(p) => <input {...p} name="tlName" autoComplete="off" required />}
          </Field>
          <Field id="tlEmail" label={t('start.tlEmail')} error={errors['techLead.email']}>
            {(p) => <input {...p} name="tlEmail" type="email" autoComplete="off" required />}
          </Field>
        </fieldset>
        {submitted && start.error && !duplicate && Object.keys(errors).length > 0 && (
          <p className="alert alert-error" role="alert">
            {t('start.invalid')}
          </p>
        )}
        {submitted && start.error && !duplicate && Object.keys(errors).length === 0 && (
          <ProblemMessage error={start.error} />
        )}
        {duplicate && (
          <p className="alert alert-warning" role="alert">
            {t('start.duplicate')}{' '}
            <Link to="/runs/$runId" params={{ runId: duplicate.id }}>
              {t('start.openExisting')}
            </Link>
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={start.isPending}>
            {start.isPending ? t('common.pending') : t('start.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
