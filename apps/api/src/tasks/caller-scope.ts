/**
 * Who may act on which task, in one place (the workflow validators check the same again):
 * - a TECH_LEAD on the TECH_LEAD tasks of the runs they lead (onboarding_run.tech_lead_sub = sub);
 * - a HIRE on the HIRE tasks of their own run: the hire whose email equals the token's `email`
 *   claim (case-insensitive; no claim → 403), acting in the workflow as `hire:<hireId>`;
 * - IT on IT tasks; HR and ADMIN on HR tasks;
 * - HEAD_OF_DF on HEAD_OF_DF tasks, and on the TECH_LEAD tasks of any run (escalation);
 * - anyone, whatever their role, on a task given to them by name (task.assignee_sub: a tour's
 *   peer guide); its role stays the fallback (a peer tour: the run's tech lead, the head of DF).
 */
import { Injectable } from '@nestjs/common';
import { hireActor, type Actor, type OwnerRole } from '../../../../workflows/definitions';
import type { Principal } from '../auth/roles';
import { TemporalGateway } from '../infra/temporal-gateway';
import { ProblemException } from '../http/problem';
import { TasksRepository, type RunParties, type TaskScope } from './tasks.repository';

const has = (p: Principal, role: Principal['roles'][number]) => p.roles.includes(role);

@Injectable()
export class CallerScope {
  constructor(private readonly tasks: TasksRepository) {}

  /** The email claim that identifies a hire; a hire token without one cannot be matched. */
  hireEmail(principal: Principal): string {
    const email = principal.email?.trim().toLowerCase();
    if (!email) throw ProblemException.forbidden('A hire token must carry an email claim');
    return email;
  }

  isHireOf(principal: Principal, run: RunParties): boolean {
    return has(principal, 'HIRE') && this.hireEmail(principal) === run.hire.email.toLowerCase();
  }

  leads(principal: Principal, run: RunParties): boolean {
    return has(principal, 'TECH_LEAD') && run.techLeadSub === principal.sub;
  }

  /** Tech lead decisions (access approvals, checkpoint reviews): the run's tech lead or the head of DF. */
  mayDecideFor(principal: Principal, run: RunParties): boolean {
    return this.leads(principal, run) || has(principal, 'HEAD_OF_DF');
  }

  /** A task named to a person (`assigneeSub`) is theirs; its role remains the fallback. */
  mayActOnTask(
    principal: Principal,
    task: { assigneeRole: string; assigneeSub: string | null },
    run: RunParties,
  ): boolean {
    if (task.assigneeSub && task.assigneeSub === principal.sub) return true;
    return this.mayActOn(principal, task.assigneeRole, run);
  }

  mayActOn(principal: Principal, assignee: string, run: RunParties): boolean {
    switch (assignee as OwnerRole) {
      case 'HIRE':
        return this.isHireOf(principal, run);
      case 'TECH_LEAD':
        return this.mayDecideFor(principal, run);
      case 'HEAD_OF_DF':
        return has(principal, 'HEAD_OF_DF');
      case 'IT':
        return has(principal, 'IT');
      case 'HR':
        return has(principal, 'HR') || has(principal, 'ADMIN');
      default:
        return false;
    }
  }

  /** How the caller appears in the workflow when completing a task assigned to `assignee`. */
  actorFor(principal: Principal, assignee: string, run: RunParties): Actor {
    return TemporalGateway.actor(
      principal,
      assignee === 'HIRE' ? hireActor(run.hire.id) : undefined,
    );
  }

  /** The runs and roles whose open tasks the caller may act on (GET /v1/tasks/mine). */
  async taskScopeOf(principal: Principal): Promise<TaskScope> {
    const scope: TaskScope = {
      hireRunIds: [],
      techLeadRunIds: [],
      anyRunRoles: [],
      assigneeSub: principal.sub,
    };
    if (has(principal, 'HIRE')) {
      const runId = await this.tasks.findRunIdOfHire(this.hireEmail(principal));
      if (runId) scope.hireRunIds.push(runId);
    }
    if (has(principal, 'HEAD_OF_DF')) scope.anyRunRoles.push('HEAD_OF_DF', 'TECH_LEAD');
    else if (has(principal, 'TECH_LEAD'))
      scope.techLeadRunIds = await this.tasks.findRunIdsLedBy(principal.sub);
    if (has(principal, 'IT')) scope.anyRunRoles.push('IT');
    if (has(principal, 'HR') || has(principal, 'ADMIN')) scope.anyRunRoles.push('HR');
    return scope;
  }
}
