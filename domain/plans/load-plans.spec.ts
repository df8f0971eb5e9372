import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPlanFiles, loadPlans, PLANS_DIR, PlanLoadError } from './load-plans';

describe('loadPlans', () => {
  let dir: string;
  const original = readFileSync(join(PLANS_DIR, 'rust-backend-engineer.plan.json'), 'utf8');
  const write = (name: string, content: string) => writeFileSync(join(dir, name), content);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plans-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads every plan of config/plans', () => {
    const plans = loadPlans();
    expect(plans.map((p) => [p.file, p.plan.key, p.plan.version])).toEqual([
      ['rust-backend-engineer.plan.json', 'rust-backend-engineer', 2],
    ]);
  });

  it('prefixes each problem with the file name and ignores other files', () => {
    const broken = JSON.parse(original) as { phases: { steps: { owner?: string }[] }[] };
    delete broken.phases[1].steps[3].owner;
    write('rust-backend-engineer.plan.json', JSON.stringify(broken));
    write('notes.json', '{ not a plan');
    write('broken.plan.json', '{ "key": ');
    const { plans, problems } = checkPlanFiles(dir);
    expect(plans).toEqual([]);
    expect(problems).toEqual([
      expect.stringMatching(/^broken\.plan\.json: .*JSON/),
      'rust-backend-engineer.plan.json: phases[1].steps[3].owner: required',
    ]);
    expect(() => loadPlans(dir)).toThrow(PlanLoadError);
  });

  it('requires the file to be named after the plan key', () => {
    write('rust.plan.json', original);
    expect(checkPlanFiles(dir).problems).toEqual([
      'rust.plan.json: key: file must be named rust-backend-engineer.plan.json after its key',
    ]);
  });

  it('reports a directory without plans', () => {
    expect(() => loadPlans(dir)).toThrow(/no \*\.plan\.json file/);
  });
});
