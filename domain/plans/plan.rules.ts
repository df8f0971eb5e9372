/**
 * What a plan means beyond its shape: which follow-up policy applies to a step, and the checks
 * `parsePlan` runs once the schema passes (unique ids, known and acyclic dependencies, ordered
 * checkpoints, sensible owners and escalation targets). Imports only types from the schema, so
 * code that needs `resolveFollowUp` (the schedule, workflows) does not pull in zod.
 */
import type { Due, EscalationLadder, Plan, PlanStep, ReminderPolicy } from './plan.model';

export interface PlanIssue {
  path: string;
  message: string;
}

type Path = readonly PropertyKey[];
interface Located {
  step: PlanStep;
  path: Path;
}

/** `['phases', 1, 'steps', 3, 'id']` → `phases[1].steps[3].id`; the empty path is `(root)`. */
export function formatPath(path: Path): string {
  const out = path
    .map((key) =>
      typeof key === 'number'
        ? `[${key}]`
        : typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)
          ? `.${key}`
          : `[${JSON.stringify(String(key))}]`,
    )
    .join('');
  return out.replace(/^\./, '') || '(root)';
}

/** The step's own policy where it has one, else its owner's ladder, else the plan default. */
export function resolveFollowUp(
  plan: Pick<Plan, 'followUp'>,
  step: PlanStep,
): { reminders: ReminderPolicy; escalation: EscalationLadder } {
  return {
    reminders: step.followUp?.reminders ?? plan.followUp.reminders,
    escalation:
      step.followUp?.escalation ??
      plan.followUp.escalationByOwner[step.owner] ??
      plan.followUp.escalation,
  };
}

const issue = (path: Path, message: string): PlanIssue => ({ path: formatPath(path), message });

function offset(due: Due): { unit: 'workingDays' | 'calendarDays'; days: number } {
  return 'workingDays' in due
    ? { unit: 'workingDays', days: due.workingDays }
    : { unit: 'calendarDays', days: due.calendarDays };
}

function duplicates(entries: { id: string; path: Path }[], what: string): PlanIssue[] {
  const first = new Map<string, Path>();
  return entries.flatMap(({ id, path }) => {
    const seen = first.get(id);
    if (!seen) first.set(id, path);
    return seen ? [issue(path, `duplicate ${what} id '${id}' (first at ${formatPath(seen)})`)] : [];
  });
}

function uniqueIds(plan: Plan, steps: Located[]): PlanIssue[] {
  const documents = steps.flatMap(({ step, path }) =>
    step.kind === 'DOCUMENT_ACK'
      ? step.documents.map((d, i) => ({ id: d.id, path: [...path, 'documents', i, 'id'] }))
      : [],
  );
  const criteria = steps.flatMap(({ step, path }) =>
    step.kind === 'CHECKPOINT'
      ? duplicates(
          step.checkpoint.criteria.map((c, i) => ({
            id: c.id,
            path: [...path, 'checkpoint', 'criteria', i, 'id'],
          })),
          'criterion',
        )
      : [],
  );
  return [
    ...duplicates(
      plan.phases.map((p, i) => ({ id: p.id, path: ['phases', i, 'id'] })),
      'phase',
    ),
    ...duplicates(
      steps.map(({ step, path }) => ({ id: step.id, path: [...path, 'id'] })),
      'step',
    ),
    ...duplicates(documents, 'document'),
    ...criteria,
  ];
}

function dependencies(steps: Located[]): PlanIssue[] {
  const byId = new Map(steps.map((s) => [s.step.id, s]));
  const issues = steps.flatMap(({ step, path }) =>
    step.dependsOn.flatMap((dep, k) => {
      const at = [...path, 'dependsOn', k];
      if (!byId.has(dep)) return [issue(at, `unknown step '${dep}'`)];
      if (step.dependsOn.indexOf(dep) !== k) return [issue(at, `'${dep}' is listed twice`)];
      // Offsets in different units are only comparable on a calendar: those are not checked.
      const [mine, theirs] = [offset(step.due), offset(byId.get(dep)?.step.due ?? step.due)];
      return mine.unit === theirs.unit && theirs.days > mine.days
        ? [
            issue(
              [...path, 'due', mine.unit],
              `due before its dependency '${dep}' (${theirs.days} ${mine.unit})`,
            ),
          ]
        : [];
    }),
  );
  // Depth-first search; an edge back to a step still on the stack closes a cycle.
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = ({ step, path }: Located): void => {
    state.set(step.id, 'open');
    stack.push(step.id);
    step.dependsOn.forEach((dep, k) => {
      const next = byId.get(dep);
      if (next && state.get(dep) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep].join(' -> ');
        issues.push(issue([...path, 'dependsOn', k], `dependency cycle: ${cycle}`));
      } else if (next && !state.has(dep)) visit(next);
    });
    stack.pop();
    state.set(step.id, 'done');
  };
  for (const located of byId.values()) if (!state.has(located.step.id)) visit(located);
  return issues;
}

function checkpointsInOrder(steps: Located[]): PlanIssue[] {
  const checkpoints = steps.filter(({ step }) => step.kind === 'CHECKPOINT');
  return checkpoints.slice(1).flatMap(({ step, path }, i) => {
    const previous = checkpoints[i];
    const [mine, before] = [offset(step.due), offset(previous.step.due)];
    const where = formatPath(previous.path);
    if (mine.unit !== before.unit) {
      return [issue([...path, 'due'], `checkpoints must all use ${before.unit}, like ${where}`)];
    }
    return mine.days > before.days
      ? []
      : [
          issue(
            [...path, 'due', mine.unit],
            `must come after ${where} (${before.days} ${mine.unit})`,
          ),
        ];
  });
}

function roles(plan: Plan, steps: Located[]): PlanIssue[] {
  return steps.flatMap(({ step, path }) => {
    const owner = [...path, 'owner'];
    if (step.kind === 'DOCUMENT_ACK' && step.owner !== 'HIRE') {
      return [issue(owner, 'a document acknowledgement is owned by the HIRE who acknowledges it')];
    }
    if ((step.kind === 'ACCESS_GRANT' || step.kind === 'CHECKPOINT') && step.owner === 'HIRE') {
      return [issue(owner, `${step.kind} steps cannot be owned by the HIRE`)];
    }
    // The tech lead guides a tour, or stands in for its peer until HR names one (docs/plans.md).
    if (step.kind === 'CODEBASE_TOUR' && step.owner !== 'TECH_LEAD') {
      return [
        issue(
          owner,
          'a codebase tour is owned by the TECH_LEAD, who guides it or stands in for its peer',
        ),
      ];
    }
    if (step.kind === 'CODEBASE_TOUR' && step.tour.guide.role !== 'PEER' && step.tour.guide.name) {
      return [
        issue(
          [...path, 'tour', 'guide', 'name'],
          "only a PEER guide has a name: the tech lead is the run's",
        ),
      ];
    }
    const rung = resolveFollowUp(plan, step).escalation.findIndex((r) => r.to === step.owner);
    if (rung < 0) return [];
    const source = step.followUp?.escalation
      ? [...path, 'followUp', 'escalation']
      : plan.followUp.escalationByOwner[step.owner]
        ? ['followUp', 'escalationByOwner', step.owner]
        : ['followUp', 'escalation'];
    return [
      issue(
        [...source, rung, 'to'],
        `step '${step.id}' would escalate to its own owner ${step.owner}`,
      ),
    ];
  });
}

function increasing(values: number[], pathOf: (i: number) => Path): PlanIssue[] {
  return values.flatMap((v, i) =>
    i > 0 && v <= values[i - 1]
      ? [issue(pathOf(i), 'must be greater than the previous entry')]
      : [],
  );
}

function policies(plan: Plan, steps: Located[]): PlanIssue[] {
  const reminderPolicy = (p: ReminderPolicy, path: Path): PlanIssue[] => [
    ...increasing(p.afterDueWorkingDays, (i) => [...path, 'afterDueWorkingDays', i]),
    ...(p.afterDueWorkingDays.length > p.max
      ? [issue([...path, 'max'], `is below the ${p.afterDueWorkingDays.length} listed reminders`)]
      : []),
  ];
  const ladder = (l: EscalationLadder, path: Path): PlanIssue[] =>
    increasing(
      l.map((r) => r.afterWorkingDays),
      (i) => [...path, i, 'afterWorkingDays'],
    );
  return [
    ...reminderPolicy(plan.followUp.reminders, ['followUp', 'reminders']),
    ...ladder(plan.followUp.escalation, ['followUp', 'escalation']),
    ...Object.entries(plan.followUp.escalationByOwner).flatMap(([owner, l]) =>
      ladder(l, ['followUp', 'escalationByOwner', owner]),
    ),
    ...steps.flatMap(({ step, path }) => [
      ...(step.followUp?.reminders
        ? reminderPolicy(step.followUp.reminders, [...path, 'followUp', 'reminders'])
        : []),
      ...(step.followUp?.escalation
        ? ladder(step.followUp.escalation, [...path, 'followUp', 'escalation'])
        : []),
    ]),
  ];
}

/** Every semantic problem of a schema-valid plan, each at the path to fix. */
export function checkPlan(plan: Plan): PlanIssue[] {
  const steps = plan.phases.flatMap((phase, p) =>
    phase.steps.map((step, s): Located => ({ step, path: ['phases', p, 'steps', s] })),
  );
  return [
    ...uniqueIds(plan, steps),
    ...dependencies(steps),
    ...checkpointsInOrder(steps),
    ...roles(plan, steps),
    ...policies(plan, steps),
  ];
}
