/**
 * HR's runs list: the API's filters and cursor paging (the URL holds the filters, so a filtered
 * list can be shared), refreshed every few seconds.
 */
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { DateInput } from '../../../components/date-input';
import { ErrorPage } from '../../../components/pages';
import { LiveNote, Loading, OverdueBadge, Progress, StatusBadge } from '../../../components/ui';
import { formatDate, stepName } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { usePlans, useRuns, type RunsFilter } from '../api/runs';

const STATUSES = ['PENDING', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED'] as const;
/** The phases a run passes through (the default plan's, then its end states), for the select. */
const PHASES = [
  'PRE_BOARDING',
  'ACCESS',
  'SECURITY',
  'CODEBASE_TOURS',
  'FIRST_30_DAYS',
  'DAYS_31_TO_60',
  'DAYS_61_TO_90',
  'COMPLETED',
  'CANCELLED',
] as const;

export type RunsSearch = Omit<RunsFilter, 'cursor'>;

/** The URL's search params, kept only when they are values the API accepts. */
export function parseRunsSearch(search: Record<string, unknown>): RunsSearch {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const status = STATUSES.find((s) => s === search.status);
  const raw = search.trialEndingWithinDays;
  const within = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
  const days = raw !== '' && Number.isInteger(within);
  return {
    ...(status ? { status } : {}),
    ...(str(search.q) ? { q: str(search.q) } : {}),
    ...(str(search.plan) ? { plan: str(search.plan) } : {}),
    ...(days && within >= 0 && within <= 366 ? { trialEndingWithinDays: within } : {}),
    ...(str(search.phase) ? { phase: str(search.phase) } : {}),
    ...(str(search.techLead) ? { techLead: str(search.techLead) } : {}),
    ...(search.overdue === true || search.overdue === 'true' ? { overdue: true } : {}),
    ...(str(search.startDateFrom) ? { startDateFrom: str(search.startDateFrom) } : {}),
    ...(str(search.startDateTo) ? { startDateTo: str(search.startDateTo) } : {}),
  };
}

export function RunsPage({
  search,
  onSearch,
}: {
  search: RunsSearch;
  onSearch: (s: RunsSearch) => void;
}) {
  const { t, lang, label } = useI18n();
  // Cursors of the pages seen so far: "previous" pops one.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const runs = useRuns({ ...search, cursor });
  const plans = usePlans();

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = Object.fromEntries(new FormData(e.currentTarget).entries());
    setCursors([undefined]);
    onSearch(parseRunsSearch({ ...form, overdue: form.overdue === 'on' }));
  };

  return (
    <section aria-labelledby="runs-title">
      <div className="page-head">
        <h1 id="runs-title">{t('runs.title')}</h1>
        <Link to="/runs/new" className="button">
          {t('nav.newRun')}
        </Link>
      </div>
      <form
        className="filters card"
        onSubmit={submit}
        aria-label={t('runs.filters')}
        key={JSON.stringify(search)}
      >
        <div className="field">
          <label htmlFor="f-q">{t('runs.search')}</label>
          <input
            id="f-q"
            name="q"
            type="search"
            maxLength={100}
            autoComplete="off"
            defaultValue={search.q ?? ''}
          />
        </div>
        <div className="field">
          <label htmlFor="f-status">{t('runs.status')}</label>
          <select id="f-status" name="status" defaultValue={search.status ?? ''}>
            <option value="">{t('runs.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {label('status', s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-phase">{t('runs.phase')}</label>
          <select id="f-phase" name="phase" defaultValue={search.phase ?? ''}>
            <option value="">{t('runs.any')}</option>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {label('phase', p)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-plan">{t('runs.plan')}</label>
          <select id="f-plan" name="plan" defaultValue={search.plan ?? ''}>
            <option value="">{t('runs.any')}</option>
            {/* A plan in the URL but not (yet) listed stays selectable. */}
            {search.plan && !plans.data?.some((p) => p.key === search.plan) && (
              <option value={search.plan}>{search.plan}</option>
            )}
            {plans.data?.map((p) => (
              <option key={p.key} value={p.key}>
                {lang === 'en' ? p.title.en : p.title.fr}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-trial">{t('runs.trialWithin')}</label>
          <input
            id="f-trial"
            name="trialEndingWithinDays"
            type="number"
            inputMode="numeric"
            min={0}
            max={366}
            aria-describedby="f-trial-hint"
            defaultValue={search.trialEndingWithinDays ?? ''}
          />
          <span id="f-trial-hint" className="hint">
            {t('runs.trialWithinHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor="f-tl">{t('runs.techLead')}</label>
          <input id="f-tl" name="techLead" defaultValue={search.techLead ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-from">{t('runs.from')}</label>
          <DateInput id="f-from" name="startDateFrom" defaultValue={search.startDateFrom ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t('runs.to')}</label>
          <DateInput id="f-to" name="startDateTo" defaultValue={search.startDateTo ?? ''} />
        </div>
        <div className="field checkbox">
          <input
            id="f-overdue"
            name="overdue"
            type="checkbox"
            defaultChecked={search.overdue === true}
          />
          <label htmlFor="f-overdue">{t('runs.overdue')}</label>
        </div>
        <div className="actions">
          <button type="submit">{t('runs.apply')}</button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setCursors([undefined]);
              onSearch({});
            }}
          >
            {t('runs.reset')}
          </button>
        </div>
      </form>
      <LiveNote />
      {runs.isPending ? (
        <Loading />
      ) : runs.error ? (
        <ErrorPage error={runs.error} retry={() => void runs.refetch()} />
      ) : runs.data.items.length === 0 ? (
        <p className="card">{t('runs.empty')}</p>
      ) : (
        <ul className="run-list" aria-label={t('runs.title')}>
          {runs.data.items.map((run) => (
            <li key={run.id} className="card run-row">
              <div className="run-row-main">
                <Link to="/runs/$runId" params={{ runId: run.id }} className="run-name">
                  {run.hire.fullName}
                </Link>
                <span className="badges">
                  <StatusBadge status={run.status} />
                  {run.overdue && <OverdueBadge />}
                  {run.trial?.atRisk && (
                    <span className="badge badge-risk">{t('runs.trialRisk')}</span>
                  )}
                </span>
              </div>
              <Progress {...run.progress} />
              <dl className="facts">
                <div>
                  <dt>{t('runs.phase')}</dt>
                  <dd>{label('phase', run.phase)}</dd>
                </div>
                <div>
                  <dt>{t('runs.startDate')}</dt>
                  <dd>{formatDate(run.startDate, lang)}</dd>
                </div>
                <div>
                  <dt>{t('start.techLead')}</dt>
                  <dd>{run.techLead?.name ?? run.techLead?.sub ?? t('common.none')}</dd>
                </div>
                {run.trial && (
                  <div>
                    <dt>{t('trial.title')}</dt>
                    <dd>
                      {label('trial', run.trial.status)} ·{' '}
                      {t('runs.trialEnds', { date: formatDate(run.trial.endDate, lang) })}
                    </dd>
                  </div>
                )}
                <div>
                  <dt>{t('runs.nextDue')}</dt>
                  <dd>
                    {run.nextTask
                      ? `${
                          run.nextTask.title
                            ? stepName({ id: run.nextTask.stepId, title: run.nextTask.title }, lang)
                            : label('kind', run.nextTask.kind)
                        } — ${formatDate(run.nextTask.dueAt, lang)} (${label('role', run.nextTask.assigneeRole)})`
                      : t('common.none')}
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label={t('runs.page', { n: cursors.length })}>
        <button
          type="button"
          className="secondary"
          disabled={cursors.length <= 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          {t('runs.previous')}
        </button>
        <span>{t('runs.page', { n: cursors.length })}</span>
        <button
          type="button"
          className="secondary"
          disabled={!runs.data?.nextCursor}
          onClick={() => setCursors((c) => [...c, runs.data?.nextCursor ?? undefined])}
        >
          {t('runs.next')}
        </button>
      </nav>
    </section>
  );
}
