/**
 * Plan versions are immutable: a change is a new version, latest + 1, validated by parsePlan
 * (shape and meaning) and audited. Runs keep the version they started with.
 */
import { Injectable } from '@nestjs/common';
import { isLeavingPlanBody, parseLeavingPlan } from '../../../../domain/plans/leaving.schema';
import { parsePlan, PlanValidationError } from '../../../../domain/plans/plan.schema';
import type { PlanKind } from '../../../../prisma/seed-plans';
import type { Principal } from '../auth/roles';
import { ProblemException } from '../http/problem';
import { PlanResponseDto, PlanSummaryDto } from './dto/plan-response.dto';
import { PlansRepository, PlanVersionTakenError } from './plans.repository';

@Injectable()
export class PlansService {
  constructor(private readonly plans: PlansRepository) {}

  async list(): Promise<PlanSummaryDto[]> {
    return (await this.plans.findLatestOfEachKey()).map((row) => PlanSummaryDto.map(row));
  }

  async latest(key: string): Promise<PlanResponseDto> {
    const row = await this.plans.findLatest(key);
    if (!row) throw ProblemException.notFound(`Plan ${key}`);
    return PlanResponseDto.map(row);
  }

  async version(key: string, version: number): Promise<PlanResponseDto> {
    const row = await this.plans.findVersion(key, version);
    if (!row) throw ProblemException.notFound(`Plan ${key} version ${version}`);
    return PlanResponseDto.map(row);
  }

  async create(key: string, body: unknown, caller: Principal): Promise<PlanResponseDto> {
    const latest = await this.plans.findLatest(key);
    // A key keeps its kind; a new key is a leaving plan when its body has tasks and no phases.
    const kind: PlanKind = latest
      ? (latest.kind as PlanKind)
      : isLeavingPlanBody(body)
        ? 'LEAVING'
        : 'ONBOARDING';
    const plan = PlansService.validate(key, body, kind);
    const expected = (latest?.version ?? 0) + 1;
    if (plan.version !== expected) throw PlansService.versionConflict(key, expected);
    try {
      return PlanResponseDto.map(await this.plans.createVersion(plan, kind, caller.sub));
    } catch (err) {
      if (err instanceof PlanVersionTakenError) throw PlansService.versionConflict(key, expected);
      throw err;
    }
  }

  /** Every problem at its exact plan path, e.g. `phases[0].steps[0].owner`. */
  private static validate(
    key: string,
    body: unknown,
    kind: PlanKind,
  ): { key: string; version: number } {
    let plan: { key: string; version: number };
    try {
      plan = kind === 'LEAVING' ? parseLeavingPlan(body) : parsePlan(body);
    } catch (err) {
      if (!(err instanceof PlanValidationError)) throw err;
      throw ProblemException.validation(
        err.issues.map((i) => ({ name: i.path, reason: i.message })),
      );
    }
    if (plan.key !== key) {
      throw ProblemException.validation([
        { name: 'key', reason: `must be the key of the URL (${key})` },
      ]);
    }
    return plan;
  }

  private static versionConflict(key: string, expected: number): ProblemException {
    return ProblemException.conflict(
      `The next version of plan ${key} is ${expected}: versions are immutable and consecutive`,
      { code: 'PlanVersionConflict', expectedVersion: expected },
    );
  }
}
