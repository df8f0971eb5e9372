/** Whole-page states: may not see, not found, server error. Never a blank screen or raw JSON. */
import { Link } from '@tanstack/react-router';
import { ApiError } from '../api/client';
import { useI18n } from '../lib/i18n';
import { problemDetail } from './ui';

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <section className="card state-page" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
      <Link to="/">{t('forbidden.home')}</Link>
    </section>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="card state-page" aria-labelledby="notfound-title">
      <h1 id="notfound-title">{t('notFound.title')}</h1>
      <Link to="/">{t('forbidden.home')}</Link>
    </section>
  );
}

/** A failed read: 403/404 mean "not yours to see" (the API hides others' runs behind 404). */
export function ErrorPage({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && (error.status === 403 || error.status === 404))
    return <ForbiddenPage />;
  const detail = problemDetail(error);
  return (
    <section className="card state-page" aria-labelledby="error-title" role="alert">
      <h1 id="error-title">{t('error.title')}</h1>
      <p>{t('error.body', { detail })}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </section>
  );
}
