/** The hire's upcoming codebase tours, with one calendar file (.ics) for all of them. */
import { ProblemMessage, StatusBadge } from '../../../components/ui';
import { formatDateTime, stepName } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { toursCalendarUrl, useTours } from '../api/tours';

export function UpcomingTours({ runId }: { runId: string }) {
  const { t, lang } = useI18n();
  const tours = useTours(runId);
  if (tours.isPending) return null;
  if (tours.error) return <ProblemMessage error={tours.error} />;
  const upcoming = tours.data.filter((tour) => tour.upcoming);
  return (
    <section className="card" aria-labelledby="tours-title">
      <h2 id="tours-title">{t('tours.title')}</h2>
      {upcoming.length === 0 ? (
        <p>{t('tours.none')}</p>
      ) : (
        <>
          <p>
            <a className="button" href={toursCalendarUrl(runId, lang)} download>
              {t('tours.ics')}
            </a>
          </p>
          <p className="muted small">{t('tours.icsHint')}</p>
          <ul className="checklist tours">
            {upcoming.map((tour) => (
              <li key={tour.stepId}>
                <span className="step-name">
                  {stepName({ id: tour.stepId, title: tour.title }, lang)}
                </span>{' '}
                <StatusBadge status={tour.status} />
                <span className="muted small tour-meta">
                  {t('tours.when', { date: formatDateTime(tour.startsAt, lang) })}
                  {tour.guideName ? ` · ${t('tours.guide', { name: tour.guideName })}` : ''}
                </span>
                {tour.topics.length > 0 && (
                  <span className="muted small tour-meta">
                    {t('tours.topics', { topics: tour.topics.join(', ') })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
