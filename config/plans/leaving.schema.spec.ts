import { loadLeavingPlan, parseLeavingPlan } from './leaving.schema';

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
});
