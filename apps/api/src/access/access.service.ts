/**
 * On-demand reconciliation of a run's access. The API holds no connector secret: it runs the
 * short `verifyOnboardingAccess` workflow on the worker's task queue and waits for its report
 * (docs/connectors.md, "Reconciliation"). The activity audits the report (`access.verified`,
 * actor = the caller) and each drift (`access.drift_detected`).
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  VERIFY_WORKFLOW_ID_PREFIX,
  type AccessReport,
  type VerifyAccessInput,
} from '../../../../workflows/definitions';
import type { verifyOnboardingAccess as VerifyWorkflow } from '../../../../workflows/verify-access.workflow';
import type { Principal } from '../auth/roles';
import { TemporalGateway } from '../infra/temporal-gateway';
import { ProblemException } from '../http/problem';
import { AccessRepository, type RunTarget } from './access.repository';
import { AccessVerificationResponseDto } from './dto/access-verification-response.dto';

/** Connector calls have their own deadlines (10 s by default); this bounds the whole request. */
const VERIFY_TIMEOUT = '2 minutes';

/**
 * HR, ADMIN and IT may verify any run; a tech lead only the runs they lead. Any other run is
 * answered like a missing one (404), as the run reads do: ids are not probed.
 */
export function mayVerify(caller: Principal, run: RunTarget): boolean {
  const roles = caller.roles;
  if (roles.includes('HR') || roles.includes('ADMIN') || roles.includes('IT')) return true;
  return roles.includes('TECH_LEAD') && run.techLeadSub === caller.sub;
}

@Injectable()
export class AccessService {
  constructor(
    private readonly runs: AccessRepository,
    private readonly temporal: TemporalGateway,
  ) {}

  async verify(id: string, caller: Principal): Promise<AccessVerificationResponseDto> {
    const run = await this.runs.findRunTarget(id);
    if (!run || !mayVerify(caller, run)) throw ProblemException.notFound(`Onboarding run ${id}`);
    const requestId = randomUUID();
    const input: VerifyAccessInput = { runId: run.id, key: `api:${requestId}`, actor: caller.sub };
    const verification = await this.temporal.execute<typeof VerifyWorkflow>(
      'verifyOnboardingAccess',
      `${VERIFY_WORKFLOW_ID_PREFIX}${run.id}-${requestId}`,
      [input],
      VERIFY_TIMEOUT,
    );
    if (verification.outcome !== 'COMPLETED')
      throw ProblemException.unavailable('access verification');
    const report: AccessReport = verification.result;
    return AccessVerificationResponseDto.map(report);
  }
}
