/** The run page's reads (polled) and controls; each control answers the run as the server has it. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type RunDetail, type Schemas } from '../../../api/client';

export const POLL_MS = 5_000;

export const runQuery = (id: string) =>
  queryOptions({
    queryKey: ['run', id],
    queryFn: async () =>
      unwrap(await api.GET('/v1/onboardings/{id}', { params: { path: { id } } })),
    refetchInterval: POLL_MS,
  });

export const useRun = (id: string) => useQuery(runQuery(id));

export type Control =
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'cancel'; reason: string }
  | { kind: 'reschedule'; startDate: string }
  | { kind: 'reassign'; techLead: Schemas['ReassignTechLeadDto'] };

async function send(id: string, control: Control): Promise<RunDetail> {
  const path = { params: { path: { id } } };
  switch (control.kind) {
    case 'pause':
      return unwrap(await api.POST('/v1/onboardings/{id}/pause', path));
    case 'resume':
      return unwrap(await api.POST('/v1/onboardings/{id}/resume', path));
    case 'cancel':
      return unwrap(
        await api.POST('/v1/onboardings/{id}/cancel', {
          ...path,
          body: { reason: control.reason },
        }),
      );
    case 'reschedule':
      return unwrap(
        await api.PUT('/v1/onboardings/{id}/start-date', {
          ...path,
          body: { startDate: control.startDate },
        }),
      );
    case 'reassign':
      return unwrap(
        await api.PUT('/v1/onboardings/{id}/tech-lead', { ...path, body: control.techLead }),
      );
  }
}

export function useRunControl(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (control: Control) => send(id, control),
    onSuccess: (run) => {
      client.setQueryData(['run', id], run);
      void client.invalidateQueries({ queryKey: ['runs'] });
    },
  });
}

export function useVerifyAccess(id: string) {
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/v1/onboardings/{id}/access/verify', { params: { path: { id } } })),
  });
}
