/**
 * IT's queue (one query per kind, offset-paged, polled) and its actions: retry a failed grant,
 * confirm a grant done by hand (the task's completion, as from the email link), verify a run's
 * access again. Every action invalidates the queue: the row leaves once the server says so.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../api/client';

export const POLL_MS = 5_000;
export const PAGE = 20;

export type QueueKind = Schemas['ProvisioningItemDto']['kind'];
export type QueueItem = Schemas['ProvisioningItemDto'];

export const useQueue = (kind: QueueKind, offset: number) =>
  useQuery({
    queryKey: ['provisioning', kind, offset],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/provisioning/queue', {
          params: { query: { kind, limit: PAGE, offset } },
        }),
      ),
    refetchInterval: POLL_MS,
    placeholderData: keepPreviousData,
  });

function useInvalidateQueue() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['provisioning'] });
    void client.invalidateQueries({ queryKey: ['tasks'] });
    void client.invalidateQueries({ queryKey: ['run'] });
  };
}

export function useRetryGrant(runId: string, stepId: string) {
  const onSuccess = useInvalidateQueue();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/v1/provisioning/runs/{runId}/grants/{stepId}/retry', {
          params: { path: { runId, stepId } },
        }),
      ),
    onSuccess,
  });
}

export function useConfirmGrant(taskId: string) {
  const onSuccess = useInvalidateQueue();
  return useMutation({
    mutationFn: async (externalRef: string) =>
      unwrap(
        await api.POST('/v1/tasks/{taskId}/complete', {
          params: { path: { taskId } },
          body: { externalRef },
        }),
      ),
    onSuccess,
  });
}

export function useVerifyAccess(runId: string) {
  const onSuccess = useInvalidateQueue();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/v1/onboardings/{id}/access/verify', { params: { path: { id: runId } } }),
      ),
    onSuccess,
  });
}
