import { parsePlan, PlanValidationError, type PlanFile, type PlanIssue } from './plan.schema';

const t = (en: string) => ({ fr: `${en} (fr)`, en });

function validPlan(): PlanFile {
  return {
    key: 'test-plan',
    version: 1,
    title: t('Test plan'),
    preboarding: { welcomeDaysBefore: 3 },
    followUp: {
      reminders: { afterDueWorkingDays: [0, 2] },
      escalation: [{ afterWorkingDays: 3, to: 'TECH_LEAD' }],
      escalationByOwner: { TECH_LEAD: [{ afterWorkingDays: 2, to: 'HEAD_OF_DF' }] },
    },
    phases: [
      {
        id: 'access',
        title: t('Access'),
        steps: [
          {
            id: 'grant-prod',
            kind: 'ACCESS_GRANT',
            title: t('Production'),
            owner: 'IT',
            due: { workingDays: 5 },
            dependsOn: ['sign-off'], // a later step: allowed
            grant: { system: 'postgres-prod', scope: 'read-only', requiresApproval: true },
          },
          {
            id: 'tour',
            kind: 'CODEBASE_TOUR',
            title: t('Tour'),
            owner: 'TECH_LEAD',
            due: { workingDays: 5 },
            tour: { guide: { role: 'PEER' }, topics: ['tokio'] },
          },
        ],
      },
      {
        id: 'security',
        title: t('Security'),
        steps: [
          {
            id: 'sign-off',
            kind: 'DOCUMENT_ACK',
            title: t('Sign-off'),
            owner: 'HIRE',
            due: { workingDays: 3 },
            documents: [{ id: 'nda', title: t('NDA'), version: '1.0', url: 'https://x.test/nda' }],
          },
          {
            id: 'day-30',
            kind: 'CHECKPOINT',
            title: t('Day 30'),
            owner: 'TECH_LEAD',
            due: { calendarDays: 30 },
            checkpoint: { criteria: [{ id: 'ready', title: t('Ready') }] },
          },
        ],
      },
    ],
  };
}

type Json = Record<string, unknown>;
/** A step of a valid plan, as loose JSON so tests can break it. */
function stepOf(plan: PlanFile, phase: number, step: number): Json {
  return plan.phases[phase].steps[step];
}

function issuesOf(input: unknown): PlanIssue[] {
  try {
    parsePlan(input);
  } catch (err) {
    if (err instanceof PlanValidationError) return err.issues;
    throw err;
  }
  throw new Error('expected the plan to be invalid');
}

describe('parsePlan', () => {
  it('accepts a valid plan and applies the defaults', () => {
    const plan = parsePlan(validPlan());
    expect(plan.times).toEqual({ start: '09:00', deadline: '17:00' });
    expect(plan.followUp.reminders.max).toBe(5);
    expect(plan.phases[0].steps[1].dependsOn).toEqual([]);
  });

  it('names the path of an unknown step kind', () => {
    const plan = validPlan();
    stepOf(plan, 0, 1).kind = 'MEETING';
    expect(issuesOf(plan)).toEqual([
      {
        path: 'phases[0].steps[1].kind',
        message: 'must be one of ACCESS_GRANT, DOCUMENT_ACK, CODEBASE_TOUR, CHECKPOINT, TASK',
      },
    ]);
  });

  it('names the path of a missing owner', () => {
    const plan = validPlan();
    delete stepOf(plan, 1, 0).owner;
    expect(issuesOf(plan)).toEqual([{ path: 'phases[1].steps[0].owner', message: 'required' }]);
  });

  it('names the path of an invalid role and of an unknown field', () => {
    const plan = validPlan();
    stepOf(plan, 0, 0).owner = 'CEO';
    stepOf(plan, 0, 1).dependOn = ['grant-prod'];
    (plan.followUp.escalationByOwner as Json).CEO = [];
    expect(issuesOf(plan)).toEqual([
      { path: 'followUp.escalationByOwner.CEO', message: 'unknown field' },
      {
        path: 'phases[0].steps[0].owner',
        message: 'Invalid option: expected one of "HIRE"|"TECH_LEAD"|"HR"|"IT"|"HEAD_OF_DF"',
      },
      { path: 'phases[0].steps[1].dependOn', message: 'unknown field' },
    ]);
  });

  it('reports a bad due offset inside the alternative the author meant', () => {
    const plan = validPlan();
    stepOf(plan, 1, 1).due = { calendarDays: 1.5 };
    stepOf(plan, 0, 1).due = { workingDays: 1, calendarDays: 2 };
    expect(issuesOf(plan)).toEqual([
      {
        path: 'phases[0].steps[1].due',
        message: 'must be { "workingDays": n } or { "calendarDays": n }',
      },
      {
        path: 'phases[1].steps[1].due.calendarDays',
        message: 'Invalid input: expected int, received number',
      },
    ]);
  });

  it('requires a url or a text for each document', () => {
    const plan = validPlan();
    (stepOf(plan, 1, 0).documents as Json[])[0].url = undefined;
    expect(issuesOf(plan)).toEqual([
      { path: 'phases[1].steps[0].documents[0]', message: 'needs a url or a text' },
    ]);
  });

  it('rejects an unknown dependsOn reference', () => {
    const plan = validPlan();
    stepOf(plan, 0, 1).dependsOn = ['grant-prod', 'grant-mainframe'];
    expect(issuesOf(plan)).toEqual([
      { path: 'phases[0].steps[1].dependsOn[1]', message: "unknown step 'grant-mainframe'" },
    ]);
  });

  it('reports a dependency cycle with its steps', () => {
    const plan = validPlan();
    stepOf(plan, 1, 0).dependsOn = ['tour'];
    stepOf(plan, 0, 1).dependsOn = ['grant-prod'];
    expect(issuesOf(plan)).toContainEqual({
      path: 'phases[0].steps[1].dependsOn[0]',
      message: 'dependency cycle: grant-prod -> sign-off -> tour -> grant-prod',
    });
    stepOf(plan, 0, 1).dependsOn = ['tour'];
    expect(issuesOf(plan)).toContainEqual({
      path: 'phases[0].steps[1].dependsOn[0]',
      message: 'dependency cycle: tour -> tour',
    });
  });

  it('reports a duplicate step id where it is repeated', () => {
    const plan = validPlan();
    stepOf(plan, 1, 1).id = 'tour';
    expect(issuesOf(plan)).toEqual([
      {
        path: 'phases[1].steps[1].id',
        message: "duplicate step id 'tour' (first at phases[0].steps[1].id)",
      },
    ]);
  });

  it('requires kebab-case ids', () => {
    const plan = validPlan();
    stepOf(plan, 0, 0).id = 'Grant_Prod';
    expect(issuesOf(plan)[0]).toEqual({
      path: 'phases[0].steps[0].id',
      message: 'must be kebab-case: a-z, 0-9 and single hyphens',
    });
  });

  it('requires checkpoints in increasing order', () => {
    const plan = validPlan();
    plan.phases[0].steps.push({
      id: 'day-60',
      kind: 'CHECKPOINT',
      title: t('Day 60'),
      owner: 'TECH_LEAD',
      due: { calendarDays: 60 },
      checkpoint: { criteria: [{ id: 'owns', title: t('Owns') }] },
    });
    expect(issuesOf(plan)).toEqual([
      {
        path: 'phases[1].steps[1].due.calendarDays',
        message: 'must come after phases[0].steps[2] (60 calendarDays)',
      },
    ]);
  });

  it('rejects a step due before one of its dependencies', () => {
    const plan = validPlan();
    stepOf(plan, 0, 0).due = { workingDays: 2 };
    expect(issuesOf(plan)).toEqual([
      {
        path: 'phases[0].steps[0].due.workingDays',
        message: "due before its dependency 'sign-off' (3 workingDays)",
      },
    ]);
  });

  it('checks the owner roles of each kind', () => {
    const plan = validPlan();
    stepOf(plan, 1, 0).owner = 'HR';
    stepOf(plan, 0, 0).owner = 'HIRE';
    expect(issuesOf(plan)).toEqual([
      {
        path: 'phases[0].steps[0].owner',
        message: 'ACCESS_GRANT steps cannot be owned by the HIRE',
      },
      {
        path: 'phases[1].steps[0].owner',
        message: 'a document acknowledgement is owned by the HIRE who acknowledges it',
      },
    ]);
  });

  it('keeps tours with the tech lead, who stands in for a peer guide not yet named', () => {
    const plan = validPlan();
    stepOf(plan, 0, 1).owner = 'HR';
    expect(issuesOf(plan)).toEqual([
      {
        path: 'phases[0].steps[1].owner',
        message:
          'a codebase tour is owned by the TECH_LEAD, who guides it or stands in for its peer',
      },
    ]);
    const named = validPlan();
    stepOf(named, 0, 1).tour = { guide: { role: 'TECH_LEAD', name: 'Akossiwa' }, topics: ['x'] };
    expect(issuesOf(named)).toEqual([
      {
        path: 'phases[0].steps[1].tour.guide.name',
        message: "only a PEER guide has a name: the tech lead is the run's",
      },
    ]);
    const peer = validPlan();
    stepOf(peer, 0, 1).tour = { guide: { role: 'PEER', name: 'the buddy' }, topics: ['x'] };
    expect(() => parsePlan(peer)).not.toThrow();
  });

  it('points at the ladder that would escalate a step to its own owner', () => {
    const plan = validPlan();
    plan.followUp.escalationByOwner = { IT: [{ afterWorkingDays: 1, to: 'IT' }] };
    stepOf(plan, 1, 0).followUp = { escalation: [{ afterWorkingDays: 1, to: 'HIRE' }] };
    const message = (id: string, owner: string) =>
      `step '${id}' would escalate to its own owner ${owner}`;
    expect(issuesOf(plan)).toEqual([
      { path: 'followUp.escalationByOwner.IT[0].to', message: message('grant-prod', 'IT') },
      { path: 'followUp.escalation[0].to', message: message('tour', 'TECH_LEAD') },
      {
        path: 'phases[1].steps[0].followUp.escalation[0].to',
        message: message('sign-off', 'HIRE'),
      },
      { path: 'followUp.escalation[0].to', message: message('day-30', 'TECH_LEAD') },
    ]);
  });

  it('requires increasing reminder and escalation offsets', () => {
    const plan = validPlan();
    const increase = 'must be greater than the previous entry';
    plan.followUp.reminders.afterDueWorkingDays = [2, 2];
    plan.followUp.escalation.push({ afterWorkingDays: 1, to: 'HR' });
    expect(issuesOf(plan)).toEqual([
      { path: 'followUp.reminders.afterDueWorkingDays[1]', message: increase },
      { path: 'followUp.escalation[1].afterWorkingDays', message: increase },
    ]);
  });

  it('lists every problem in the error message', () => {
    expect(() => parsePlan({ key: 'x', version: 0 })).toThrow(
      /invalid plan:\n {2}version: .*\n {2}title: required/,
    );
    expect(issuesOf(null)).toEqual([
      { path: '(root)', message: 'Invalid input: expected object, received null' },
    ]);
  });
});
