/**
 * `GET /v1/offboardings/{id}`: a person's leaving journey from the read model (never from
 * Temporal): its status, last day and revocation instant, the leaving plan's steps with their
 * titles from the pinned version, and the grants with where they came from. HR and ADMIN see any;
 * a tech lead sees the journeys of their own people only (others: 404, nothing revealed).
 */
import { Injectable } from '@nestjs/common';
import { LEAVING_STEP_PREFIX } from '../../../../domain/i18n/plan-text';
import { OFFBOARDING_WORKFLOW_ID_PREFIX } from '../../../../workflows/definitions';
import type { Principal } from '../auth/roles';
import { ProblemException } from '../http/problem';
import type { OffboardingDetailDto, OffboardingGrantDto } from './direct-offboarding.dto';
import { DirectOffboardingRepository, GIVEN_PREFIX } from './direct-offboarding.repository';

interface OffboardingData {
  status?: string;
  lastDay?: string;
  revokeAt?: string;
  emergency?: boolean;
  plan?: string;
}

const sourceOf = (stepId: string): OffboardingGrantDto['source'] =>
  stepId.startsWith(GIVEN_PREFIX)
    ? 'GIVEN'
    : stepId.startsWith('discovered-')
      ? 'DISCOVERED'
      : 'ONBOARDING';

@Injectable()
export class OffboardingReadService {
  constructor(private readonly repo: DirectOffboardingRepository) {}

  async readFor(id: string, caller: Principal): Promise<OffboardingDetailDto> {
    const seesAll = caller.roles.includes('HR') || caller.roles.includes('ADMIN');
    const run = await this.repo.readDetail(id);
    if (!run || (!seesAll && run.techLeadSub !== caller.sub))
      throw ProblemException.notFound(`Offboarding ${id}`);
    return this.detail(id);
  }

  async detail(id: string): Promise<OffboardingDetailDto> {
    const [run, grants] = await Promise.all([this.repo.readDetail(id), this.repo.grantsOf(id)]);
    const direct = run?.workflowId.startsWith(OFFBOARDING_WORKFLOW_ID_PREFIX) ?? false;
    const step = run?.steps.find((s) => s.stepId === 'offboarding');
    if (!run || (!step && !direct)) throw ProblemException.notFound(`Offboarding ${id}`);
    // Just started: the workflow has not projected its step yet; the start's audit has the facts.
    const data = (step?.data as OffboardingData | null) ?? (await this.repo.startOf(id)) ?? {};
    const plan = await this.repo.planDefinition(data.plan);
    const workflowId = direct
      ? run.workflowId
      : run.workflowId.replace(/^onboarding-/, OFFBOARDING_WORKFLOW_ID_PREFIX);
    return {
      id,
      workflowId,
      kind: direct ? 'NO_ONBOARDING_RUN' : 'ONBOARDING_RUN',
      person: { fullName: run.hire.fullName, email: run.hire.email },
      status: (step?.data as OffboardingData | null)?.status ?? 'SCHEDULED',
      lastDay: data.lastDay ?? '',
      revokeAt: (step?.data as OffboardingData | null)?.revokeAt ?? null,
      emergency: (step?.data as OffboardingData | null)?.emergency ?? false,
      plan: data.plan ?? null,
      // Every task of the pinned plan, in plan order; its state once the journey has opened it.
      steps: planTasks(plan).map((t) => {
        const row = run.steps.find((s) => s.stepId === `${LEAVING_STEP_PREFIX}${t.id}`);
        return {
          stepId: `${LEAVING_STEP_PREFIX}${t.id}`,
          title: t.title,
          owner: t.owner,
          status: row?.status ?? 'PENDING',
          dueAt: row?.dueAt?.toISOString() ?? null,
        };
      }),
      grants: grants.map((g) => ({
        system: g.system,
        scope: g.scope,
        status: g.status,
        source: sourceOf(g.stepId),
      })),
      links: {
        self: `/v1/offboardings/${id}`,
        revokeNow: `/v1/onboardings/${id}/offboarding/revoke-now`,
      },
    };
  }
}

/** The tasks of a stored leaving plan definition (none when the journey has not pinned one yet). */
function planTasks(
  plan: unknown,
): { id: string; title: { fr: string; en: string }; owner: string }[] {
  return (plan as { tasks?: ReturnType<typeof planTasks> } | undefined)?.tasks ?? [];
}
