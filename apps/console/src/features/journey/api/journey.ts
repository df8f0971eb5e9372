/** The hire's own run: the list answers only theirs (matched by the session's email). */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const POLL_MS = 5_000;

export const useMyRun = () =>
  useQuery({
    queryKey: ['journey'],
    queryFn: async () => {
      const list = unwrap(await api.GET('/v1/onboardings', { params: { query: { limit: 1 } } }));
      const mine = list.items[0];
      if (!mine) return null;
      return unwrap(await api.GET('/v1/onboardings/{id}', { params: { path: { id: mine.id } } }));
    },
    refetchInterval: POLL_MS,
  });
