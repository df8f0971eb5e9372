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
  | { kind: 'reassign'; techLead: Schemas['ReassignTechLeadDto'] }
  | { kind: 'leave'; lastDay: string; reason: string }
  | { kind: 'revokeNow'; reason: string }
  | { kind: 'guide'; stepId: string; guide: Schemas['TourGuideDto'] };

/** The run as the server has it after the control, or null when the answer is something else. */
async function send(id: string, control: Control): Promise<RunDetail | null> {
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
    case 'leave':
      unwrap(
        await api.POST('/v1/onboardings/{id}/offboarding', {
          ...path,
          body: { lastDay: control.lastDay, reason: control.reason },
        }),
      );
      return null;
    case 'revokeNow':
      unwrap(
        await api.POST('/v1/onboardings/{id}/offboarding/revoke-now', {
          ...path,
          body: { reason: control.reason },
        }),
      );
      return null;
    case 'guide':
      unwrap(
        await api.PUT('/v1/onboardings/{id}/tour-guides/{stepId}', {
          params: { path: { id, stepId: control.stepId } },
          body: control.guide,
        }),
      );
      return null;
  }
}

/** The peers named to guide the run's tours (HR, ADMIN). */
export const useTourGuides = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['run', id, 'tour-guides'],
    queryFn: async () =>
      unwrap(await api.GET('/v1/onboardings/{id}/tour-guides', { params: { path: { id } } })),
    enabled,
    refetchInterval: POLL_MS,
  });

export function useRunControl(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (control: Control) => send(id, control),
    onSuccess: (run) => {
      if (run) client.setQueryData(['run', id], run);
      else void client.invalidateQueries({ queryKey: ['run', id] });
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
