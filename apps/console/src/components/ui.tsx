/** Small shared pieces: status badge, progress bar, field, problem and page states. */
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { reasonText } from '../lib/api-reasons';
import { useI18n } from '../lib/i18n';

export function StatusBadge({ status }: { status: string }) {
  const { label } = useI18n();
  return <span className={`badge badge-${status.toLowerCase()}`}>{label('status', status)}</span>;
}

export function OverdueBadge() {
  const { t } = useI18n();
  return <span className="badge badge-overdue">{t('common.overdue')}</span>;
}

export function Progress({
  doneSteps,
  totalSteps,
  percent,
}: {
  doneSteps: number;
  totalSteps: number;
  percent: number;
}) {
  const { t } = useI18n();
  const text = t('runs.progressValue', { done: doneSteps, total: totalSteps, percent });
  return (
    <span className="progress">
      <progress max={100} value={percent} aria-label={text} />
      <span className="progress-text">{text}</span>
    </span>
  );
}

/** A labelled control with the API's error for it (aria-describedby, aria-invalid). */
export function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => ReactNode;
}) {
  const { lang } = useI18n();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': error ? errorId : undefined,
      })}
      {error && (
        <p className="field-error" id={errorId}>
          {reasonText(error, lang)}
        </p>
      )}
    </div>
  );
}

/** The server's answer to a refused action, in words (never raw JSON). */
/** The words of an error: the problem's detail or title from the API, else the error's message. */
export function problemDetail(error: unknown): string {
  if (error instanceof ApiError)
    return error.problem.detail ?? error.problem.title ?? error.message;
  return error instanceof Error ? error.message : 'unknown error';
}

export function ProblemMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const detail = problemDetail(error);
  return (
    <p className="alert alert-error" role="alert">
      {t(error instanceof ApiError && error.status < 500 ? 'error.refused' : 'error.body', {
        detail,
      })}
    </p>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

export function LiveNote() {
  const { t } = useI18n();
  return <p className="muted small">{t('common.live')}</p>;
}
