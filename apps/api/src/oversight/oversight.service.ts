/** The head of the Digital Factory's view: what was escalated to them, and every run at a glance. */
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/roles';
import { stepTitleOf } from '../tasks/task-document';
import { EscalationPageDto, RunsOverviewDto } from './dto/oversight.dto';
import { OversightRepository } from './oversight.repository';

@Injectable()
export class OversightService {
  constructor(private readonly repo: OversightRepository) {}

  async escalations(
    caller: Principal,
    limit: number,
    offset: number,
    now = new Date(),
  ): Promise<EscalationPageDto> {
    const [rows, total] = await Promise.all([
      this.repo.findEscalations(limit, offset),
      this.repo.countEscalations(),
    ]);
    const items = rows.map((r) => ({
      taskId: r.task_id,
      runId: r.run_id,
      hireName: r.hire_name,
      techLeadName: r.tech_lead_name,
      stepId: r.step_id,
      stepTitle: stepTitleOf(r.plan, r.step_id),
      kind: r.kind,
      assigneeRole: r.assignee_role,
      reason: r.reason,
      since: r.since.toISOString(),
      dueAt: r.due_at?.toISOString() ?? null,
      overdue: r.due_at !== null && r.due_at < now,
      // The head of DF decides for any tech lead (tasks/caller-scope.ts), and their own tasks.
      actionable:
        caller.roles.includes('HEAD_OF_DF') &&
        (r.assignee_role === 'HEAD_OF_DF' || r.assignee_role === 'TECH_LEAD'),
    }));
    return { items, total, limit, offset };
  }

  async overview(now = new Date()): Promise<RunsOverviewDto> {
    const [byStatus, byPhase, overdue, trialAtRisk, escalations] = await Promise.all([
      this.repo.countsBy('status'),
      this.repo.countsBy('phase'),
      this.repo.countOverdueRuns(now),
      this.repo.countTrialsAtRisk(),
      this.repo.countEscalations(),
    ]);
    return {
      total: byStatus.reduce((n, s) => n + s.count, 0),
      byStatus,
      byPhase,
      overdue,
      trialAtRisk,
      escalations,
      at: now.toISOString(),
    };
  }
}
