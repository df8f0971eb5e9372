/**
 * A human task: opened (record + email to its owner), then reminders and escalations at the
 * instants the plan's policy gave, until the owner completes it through the completeTask update.
 */
import { condition } from '@temporalio/workflow';
import type { OwnerRole, ScheduledStep, TaskKind, TaskResult } from '../definitions';
import { acts } from './activities';
import type { Journey } from './journey';

export interface TaskSpec {
  key: string;
  step: ScheduledStep;
  kind: TaskKind;
  assignee: OwnerRole;
  dueAt?: string;
  reminders?: string[];
  escalations?: { at: string; to: OwnerRole }[];
  documentId?: string;
  /** A task for one person (a tour's named peer guide); `assignee` stays the fallback role. */
  assigneeSub?: string;
  /** Shown to the assignee with the task (e.g. a checkpoint's access verification). */
  context?: Record<string, unknown>;
}

type Rung = { at: string; to?: OwnerRole };

export async function runTask(j: Journey, spec: TaskSpec): Promise<TaskResult> {
  const dueAt = spec.dueAt ?? spec.step.dueAt;
  await j.whilePaused();
  j.tasks.set(spec.key, {
    key: spec.key,
    stepId: spec.step.id,
    kind: spec.kind,
    assignee: spec.assignee,
    dueAt,
    status: 'OPEN',
    documentId: spec.documentId,
    assigneeSub: spec.assigneeSub,
  });
  await acts.openTask({
    runId: j.runId,
    taskKey: spec.key,
    stepId: spec.step.id,
    kind: spec.kind,
    assignee: spec.assignee,
    dueAt,
    documentId: spec.documentId,
    assigneeSub: spec.assigneeSub,
    context: spec.context,
  });

  // Rungs already past when the task opens (a late gate, a re-opened review) are skipped.
  const openedAt = Date.now();
  const ladder: Rung[] = [
    ...(spec.reminders ?? spec.step.reminders).map((at) => ({ at })),
    ...(spec.escalations ?? spec.step.escalations),
  ]
    .filter((r) => Date.parse(r.at) > openedAt)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  const done = () => j.results.has(spec.key);
  for (let i = 0; i < ladder.length && !done(); i++) {
    const rung = ladder[i];
    if (await j.until(rung.at, done)) break;
    await j.whilePaused();
    if (done()) break;
    if (rung.to) {
      await acts.escalateTask({
        runId: j.runId,
        taskKey: spec.key,
        to: rung.to,
        occurrence: i + 1,
      });
    } else {
      await acts.sendTaskReminder({ runId: j.runId, taskKey: spec.key, occurrence: i + 1 });
    }
  }
  await condition(done);
  return j.results.get(spec.key)!;
}
