/** Queries and mutations of the runs list and the start form (one hook per request). */
import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../api/client';

export const POLL_MS = 5_000;

export interface RunsFilter {
  status?: 'PENDING' | 'RUNNING' | 'PAUSED' | 'COMPLETED' | 'CANCELLED' | 'FAILED';
  phase?: string;
  techLead?: string;
  overdue?: boolean;
  startDateFrom?: string;
  startDateTo?: string;
  q?: string;
  plan?: string;
  trialEndingWithinDays?: number;
  cursor?: string;
}

export const runsQuery = (filter: RunsFilter) =>
  queryOptions({
    queryKey: ['runs', filter],
    queryFn: async () =>
      unwrap(await api.GET('/v1/onboardings', { params: { query: { ...filter, limit: 20 } } })),
    refetchInterval: POLL_MS,
    placeholderData: keepPreviousData,
  });

export const useRuns = (filter: RunsFilter) => useQuery(runsQuery(filter));

export const usePlans = () =>
  useQuery({
    queryKey: ['plans'],
    // A run starts from an onboarding plan; the API lists the leaving plans too (kind LEAVING).
    queryFn: async () =>
      unwrap(await api.GET('/v1/plans')).filter((plan) => plan.kind === 'ONBOARDING'),
    staleTime: 60_000,
  });

export type StartRunBody = Schemas['CreateOnboardingDto'];

export function useStartRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: StartRunBody) =>
      unwrap(
        await api.POST('/v1/onboardings', {
          body,
          // One key per submission: a network retry of the same submission cannot start twice.
          params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['runs'] }),
  });
}
