/**
 * The signed-in shell: asks /auth/me, sends a signed-out browser to the provider (back to the same
 * page afterwards), then shows the header (navigation by role, language, sign-out) and the page.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet } from '@tanstack/react-router';
import { useEffect } from 'react';
import { ErrorPage } from '../components/pages';
import { Loading } from '../components/ui';
import { useI18n, type Lang } from '../lib/i18n';
import { hasRole, sessionQuery, signIn, signOut, SignedOut, type Session } from '../lib/session';
import { SessionContext } from '../lib/session-context';

export function Shell() {
  const { t } = useI18n();
  const session = useQuery(sessionQuery);
  const signedOut = session.error instanceof SignedOut;
  useEffect(() => {
    if (signedOut) signIn();
  }, [signedOut]);

  if (signedOut) return <p role="status">{t('session.redirecting')}</p>;
  if (session.isPending) return <Loading />;
  if (session.error)
    return <ErrorPage error={session.error} retry={() => void session.refetch()} />;
  return (
    <SessionContext.Provider value={session.data}>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Header session={session.data} />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </SessionContext.Provider>
  );
}

function Header({ session }: { session: Session }) {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="topbar">
      <Link to="/" className="brand">
        {t('app.title')}
      </Link>
      <nav aria-label={t('nav.main')}>
        <ul>
          {hasRole(session, 'HR', 'ADMIN', 'HEAD_OF_DF', 'TECH_LEAD') && (
            <li>
              <Link to="/runs" activeProps={{ 'aria-current': 'page' }}>
                {t('nav.runs')}
              </Link>
            </li>
          )}
          {hasRole(session, 'HR', 'ADMIN') && (
            <li>
              <Link to="/runs/new" activeProps={{ 'aria-current': 'page' }}>
                {t('nav.newRun')}
              </Link>
            </li>
          )}
          {hasRole(session, 'HIRE') && (
            <li>
              <Link to="/journey" activeProps={{ 'aria-current': 'page' }}>
                {t('nav.journey')}
              </Link>
            </li>
          )}
          {hasRole(session, 'HEAD_OF_DF', 'ADMIN') && (
            <li>
              <Link to="/oversight" activeProps={{ 'aria-current': 'page' }}>
                {t('nav.oversight')}
              </Link>
            </li>
          )}
          {hasRole(session, 'IT', 'ADMIN') && (
            <li>
              <Link to="/provisioning" activeProps={{ 'aria-current': 'page' }}>
                {t('nav.provisioning')}
              </Link>
            </li>
          )}
          <li>
            <Link to="/inbox" activeProps={{ 'aria-current': 'page' }}>
              {t('nav.inbox')}
            </Link>
          </li>
        </ul>
      </nav>
      <div className="user">
        <span className="user-name">{session.name ?? session.sub}</span>
        <label className="lang">
          <span className="visually-hidden">{t('lang.label')}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="fr" lang="fr">
              Français
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
        </label>
        <button type="button" className="secondary" onClick={() => void signOut(session.csrfToken)}>
          {t('session.signOut')}
        </button>
      </div>
    </header>
  );
}
