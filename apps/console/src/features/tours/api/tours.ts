/** A run's codebase tours (dates from the API: the worker's schedule) and their calendar URL. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const POLL_MS = 5_000;

export const useTours = (runId: string) =>
  useQuery({
    queryKey: ['tours', runId],
    queryFn: async () =>
      unwrap(await api.GET('/v1/onboardings/{id}/tours', { params: { path: { id: runId } } })),
    refetchInterval: POLL_MS,
  });

/** The calendar is a plain download (session cookie, GET): no script between the file and you. */
export const toursCalendarUrl = (runId: string, lang: string) =>
  `/v1/onboardings/${encodeURIComponent(runId)}/tours.ics?lang=${lang === 'en' ? 'en' : 'fr'}`;
