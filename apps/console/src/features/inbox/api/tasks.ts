/** The caller's open tasks (polled) and their completion through the workflow's Update. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../api/client';

export const POLL_MS = 5_000;

export const useMyTasks = () =>
  useQuery({
    queryKey: ['tasks', 'mine'],
    queryFn: async () => unwrap(await api.GET('/v1/tasks/mine')),
    refetchInterval: POLL_MS,
  });

export type TaskBody =
  | Schemas['AckDocumentPayloadDto']
  | Schemas['AttendTourPayloadDto']
  | Schemas['SelfAssessmentPayloadDto']
  | Schemas['CheckpointDecisionDto']
  | Schemas['AccessDecisionDto']
  | Schemas['ProvisionAccessPayloadDto']
  | Schemas['EmptyPayloadDto'];

export function useCompleteTask(taskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TaskBody) =>
      unwrap(await api.POST('/v1/tasks/{taskId}/complete', { params: { path: { taskId } }, body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['tasks'] });
      void client.invalidateQueries({ queryKey: ['run'] });
      void client.invalidateQueries({ queryKey: ['runs'] });
    },
  });
}
