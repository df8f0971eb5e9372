/** The head of DF's reads: escalations (offset-paged) and the runs overview, both polled. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const POLL_MS = 5_000;
export const PAGE = 20;

export const useEscalations = (offset: number) =>
  useQuery({
    queryKey: ['oversight', 'escalations', offset],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/oversight/escalations', {
          params: { query: { limit: PAGE, offset } },
        }),
      ),
    refetchInterval: POLL_MS,
    placeholderData: keepPreviousData,
  });

export const useRunsOverview = () =>
  useQuery({
    queryKey: ['oversight', 'runs'],
    queryFn: async () => unwrap(await api.GET('/v1/oversight/runs')),
    refetchInterval: POLL_MS,
  });
