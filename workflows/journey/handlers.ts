/**
 * Messages from people: the validators decide who may do what (the run's tech lead, the head of
 * the Digital Factory, the hire, IT, HR) so a refused caller changes nothing.
 */
import { condition, setHandler } from '@temporalio/workflow';
import {
  assignTourGuideUpdate,
  cancelRunUpdate,
  changeStartDateUpdate,
  completeTaskUpdate,
  getStateQuery,
  hireActor,
  pauseSignal,
  reassignTechLeadUpdate,
  resumeSignal,
  type Actor,
  type CompleteTaskInput,
  type OwnerRole,
  type TaskPayload,
  type TaskView,
} from '../definitions';
import { acts } from './activities';
import type { Journey } from './journey';

const isHrOrAdmin = (a: Actor) => a.roles.includes('HR') || a.roles.includes('ADMIN');

/** An existing date written YYYY-MM-DD (no 2027-02-30). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Today in workflow time, as a UTC date: within a day of the run's local date (Lomé: UTC). */
const today = () => new Date(Date.now()).toISOString().slice(0, 10);

export function mayAct(j: Journey, role: OwnerRole, actor: Actor): boolean {
  switch (role) {
    case 'HIRE':
      return actor.sub === hireActor(j.hireId);
    case 'TECH_LEAD':
      return actor.sub === j.state.techLeadSub || actor.roles.includes('HEAD_OF_DF');
    case 'HEAD_OF_DF':
      return actor.roles.includes('HEAD_OF_DF');
    case 'IT':
      return actor.roles.includes('IT');
    case 'HR':
      return isHrOrAdmin(actor);
  }
}

/**
 * A task given to a named person (a tour's peer guide) is theirs; its role stays the fallback (for
 * a tour: the run's tech lead or the head of DF), so an absent peer never blocks the journey.
 */
export function mayActOnTask(j: Journey, task: TaskView, actor: Actor): boolean {
  if (task.assigneeSub && actor.sub === task.assigneeSub) return true;
  return mayAct(j, task.assignee, actor);
}

function validateTrialDecision(j: Journey, payload: TaskPayload): void {
  const trial = j.trial;
  switch (payload.trialDecision) {
    case 'CONFIRM':
      return;
    case 'RENEW':
      if (!trial?.renewable || trial.renewed)
        throw new Error('NotAllowed: this trial may not be renewed (again)');
      if (!(payload.newDate && isCalendarDate(payload.newDate) && payload.newDate > trial.endDate))
        throw new Error('Invalid: RENEW needs a newDate (YYYY-MM-DD) after the current end date');
      return;
    case 'END':
      if (!payload.reason?.trim()) throw new Error('Invalid: END needs a reason');
      if (!(payload.lastDay && isCalendarDate(payload.lastDay) && payload.lastDay >= today()))
        throw new Error('Invalid: END needs a lastDay (YYYY-MM-DD), today or later');
      return;
    default:
      throw new Error('Invalid: trialDecision must be CONFIRM, RENEW or END');
  }
}

export function validateTask(j: Journey, { taskKey, actor, payload }: CompleteTaskInput): void {
  const task = j.tasks.get(taskKey);
  if (!task) throw new Error(`TaskNotOpen: task ${taskKey} is not open (not yet due, or unknown)`);
  if (!mayActOnTask(j, task, actor))
    throw new Error(`NotAllowed: you may not complete task ${taskKey}`);
  const done = j.results.get(taskKey);
  if (done) {
    // Deciding twice is idempotent: the same answer is accepted, a different one refused.
    if (JSON.stringify(done.payload) === JSON.stringify(payload)) return;
    throw new Error(`AlreadyCompleted: task ${taskKey} was already completed`);
  }
  // Compensation cancels the open tasks: a late completion must not reopen the run's work.
  if (j.cancelRequest) throw new Error('NotAllowed: the run is being cancelled');
  switch (task.kind) {
    case 'APPROVE_ACCESS':
      if (typeof payload.approve !== 'boolean')
        throw new Error('Invalid: approve must be true or false');
      break;
    case 'REVIEW_CHECKPOINT':
      if (!payload.decision) throw new Error('Invalid: decision is required');
      // A date the schedule cannot place would leave the rescheduling activity failing for ever.
      if (
        payload.decision === 'EXTEND' &&
        !(payload.newDate && isCalendarDate(payload.newDate) && payload.newDate > today())
      ) {
        throw new Error('Invalid: EXTEND needs a newDate (YYYY-MM-DD) after today');
      }
      break;
    case 'TRIAL_DECISION':
      validateTrialDecision(j, payload);
      break;
    case 'COSIGN_TRIAL_END':
      if (typeof payload.approve !== 'boolean')
        throw new Error('Invalid: approve must be true or false');
      break;
    case 'ACK_DOCUMENT': {
      const doc = j.step(task.stepId).documents?.find((d) => d.id === task.documentId);
      if (
        !doc ||
        payload.documentVersion !== doc.version ||
        payload.contentHash !== doc.contentHash
      ) {
        throw new Error(
          'Invalid: the acknowledged version or content hash is not the current document',
        );
      }
      break;
    }
    default:
      break;
  }
}

function validateTourGuide(
  j: Journey,
  { stepId, guideSub, actor }: { stepId: string; guideSub: string; actor: Actor },
): void {
  if (!isHrOrAdmin(actor)) throw new Error('NotAllowed: only HR may name a tour guide');
  if (!guideSub?.trim()) throw new Error('Invalid: guideSub is required');
  if (j.cancelRequest || j.state.status === 'COMPLETED' || j.state.status === 'CANCELLED')
    throw new Error('NotAllowed: the run is closed or being cancelled');
  // Before the schedule is computed the API has checked the step against the plan snapshot.
  if (!j.schedule) return;
  const step = j.schedule.steps.find((s) => s.id === stepId);
  if (!step?.tour?.peer) throw new Error(`Invalid: ${stepId} is not a tour guided by a peer`);
  const confirm = j.tasks.get(`${stepId}:confirm`);
  if (j.isDone(stepId) || (confirm && confirm.status !== 'OPEN'))
    throw new Error(`NotAllowed: the tour ${stepId} is already confirmed`);
}

/**
 * The completeTask Update of a journey (onboarding or leaving): validated, idempotent per task
 * key (a repeat answers the first result), recorded by an activity.
 */
export function registerCompleteTask(j: Journey): void {
  setHandler(
    completeTaskUpdate,
    async (input) => {
      const existing = j.results.get(input.taskKey);
      if (existing) return existing;
      const result = {
        taskKey: input.taskKey,
        completedBy: input.actor.sub,
        payload: input.payload,
      };
      j.results.set(input.taskKey, result);
      const view = j.tasks.get(input.taskKey)!;
      view.status = 'DONE';
      await acts.recordTaskCompletion({
        runId: j.runId,
        taskKey: input.taskKey,
        kind: view.kind,
        stepId: view.stepId,
        documentId: view.documentId,
        actor: input.actor.sub,
        payload: input.payload,
      });
      return result;
    },
    { validator: (input: CompleteTaskInput) => validateTask(j, input) },
  );
}

/** `requestCancel` cancels the journey's scope; compensation then runs in the main workflow. */
export function registerHandlers(j: Journey, requestCancel: () => void): void {
  setHandler(getStateQuery, () => j.view());

  registerCompleteTask(j);

  setHandler(
    cancelRunUpdate,
    async ({ reason, actor }) => {
      j.cancelRequest = { reason, actor: actor.sub };
      requestCancel();
      await condition(() => j.state.status === 'CANCELLED');
    },
    {
      validator: ({ reason, actor }: { reason: string; actor: Actor }) => {
        if (!isHrOrAdmin(actor)) throw new Error('NotAllowed: only HR may cancel a run');
        if (!reason?.trim()) throw new Error('Invalid: a reason is required');
        if (j.state.status === 'COMPLETED' || j.state.status === 'CANCELLED')
          throw new Error(`NotAllowed: the run is ${j.state.status}`);
      },
    },
  );

  setHandler(pauseSignal, ({ actor }) => {
    if (isHrOrAdmin(actor) && j.state.status === 'RUNNING') {
      j.state.status = 'PAUSED';
      j.statusChanged = true;
    }
  });
  setHandler(resumeSignal, ({ actor }) => {
    if (isHrOrAdmin(actor) && j.state.status === 'PAUSED') {
      j.state.status = 'RUNNING';
      j.statusChanged = true;
    }
  });

  setHandler(
    changeStartDateUpdate,
    ({ startDate }) => {
      j.state.startDate = startDate;
      j.startDateChanged = true;
    },
    {
      validator: ({ startDate, actor }: { startDate: string; actor: Actor }) => {
        if (!isHrOrAdmin(actor)) throw new Error('NotAllowed: only HR may change the start date');
        if (!isCalendarDate(startDate)) throw new Error('Invalid: startDate must be YYYY-MM-DD');
        if (j.schedule && Date.now() >= Date.parse(j.schedule.startAt))
          throw new Error('NotAllowed: the hire has already started');
        // Pre-boarding ends with the welcome email: the steps it opens keep their dates.
        if (j.startDateFixed)
          throw new Error('NotAllowed: pre-boarding is over; the start date is fixed');
      },
    },
  );

  // Only runs for Updates sent after this code shipped, so its activity needs no patch marker.
  setHandler(
    assignTourGuideUpdate,
    async ({ stepId, guideSub, actor }) => {
      j.tourGuides.set(stepId, guideSub);
      const task = j.tasks.get(`${stepId}:confirm`);
      if (!task || task.status !== 'OPEN' || task.assigneeSub === guideSub) return;
      task.assigneeSub = guideSub;
      await acts.reassignTask({
        runId: j.runId,
        taskKey: task.key,
        assigneeSub: guideSub,
        actor: actor.sub,
      });
    },
    {
      validator: (input: { stepId: string; guideSub: string; actor: Actor }) =>
        validateTourGuide(j, input),
    },
  );

  setHandler(
    reassignTechLeadUpdate,
    async ({ techLeadSub, actor }) => {
      j.state.techLeadSub = techLeadSub;
      await j.publishPhase({ techLeadSub, actor: actor.sub }, true);
    },
    {
      validator: ({ techLeadSub, actor }: { techLeadSub: string; actor: Actor }) => {
        if (!isHrOrAdmin(actor) && !actor.roles.includes('HEAD_OF_DF'))
          throw new Error('NotAllowed: only HR or the head of the Digital Factory may reassign');
        if (!techLeadSub?.trim()) throw new Error('Invalid: techLeadSub is required');
      },
    },
  );
}
