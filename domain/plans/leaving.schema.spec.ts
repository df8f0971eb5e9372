import {
  DEFAULT_LEAVING_PLAN,
  isLeavingPlanBody,
  loadLeavingPlan,
  loadLeavingPlans,
  parseLeavingPlan,
} from './leaving.schema';
import { PlanValidationError } from './plan.schema';

/** The problems a leaving plan body has, as `path: message` lines (none: valid). */
function problems(body: unknown): string[] {
  try {
    parseLeavingPlan(body);
    return [];
  } catch (err) {
    if (!(err instanceof PlanValidationError)) throw err;
    return err.issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe('the default leaving plan', () => {
  it('gives handover, equipment, exit conversation and knowledge transfer to their owners', () => {
    const plan = loadLeavingPlan();
    expect(plan.tasks.map((t) => [t.id, t.owner])).toEqual([
      ['handover', 'TECH_LEAD'],
      ['return-equipment', 'IT'],
      ['exit-conversation', 'HR'],
      ['knowledge-transfer', 'HIRE'],
    ]);
    expect(plan.tasks.find((t) => t.id === 'knowledge-transfer')?.checklist).toHaveLength(3);
  });

  it('refuses an unknown owner', () => {
    const plan = loadLeavingPlan();
    expect(() =>
      parseLeavingPlan({ ...plan, tasks: [{ ...plan.tasks[0], owner: 'JANITOR' }] }),
    ).toThrow();
  });

  it('reports every problem at its path, duplicate task ids included', () => {
    const plan = loadLeavingPlan();
    expect(problems({ ...plan, tasks: [{ ...plan.tasks[0], owner: 'JANITOR' }] })).toEqual([
      expect.stringMatching(/^tasks\[0\]\.owner: /),
    ]);
    expect(problems({ ...plan, tasks: [plan.tasks[0], plan.tasks[0]] })).toEqual([
      "tasks[1].id: duplicate task id 'handover'",
    ]);
    expect(problems({ ...plan, verification: undefined })).toEqual(['verification: required']);
  });

  it('seeds every leaving plan file, each named after its key; the default is `leaving`', () => {
    expect(loadLeavingPlans().map((p) => [p.key, p.version])).toEqual([[DEFAULT_LEAVING_PLAN, 1]]);
  });

  it('tells a leaving plan body (tasks, no phases) from an onboarding plan', () => {
    expect(isLeavingPlanBody(loadLeavingPlan())).toBe(true);
    expect(isLeavingPlanBody({ key: 'x', phases: [], tasks: [] })).toBe(false);
    expect(isLeavingPlanBody([1])).toBe(false);
  });
});
