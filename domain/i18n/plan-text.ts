/**
 * What people read of a plan: a step's title and one sentence of its description, a phase's title,
 * in their language, from a run's plan snapshot. Never a step id.
 */
import type { Lang } from './lang';

/** The first sentence of a plan description (what to do), whole text when it has one sentence. */
export function firstSentence(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  const end = /[.!?…](\s|$)/.exec(trimmed);
  return end ? trimmed.slice(0, end.index + 1) : trimmed;
}

interface PlanStepText {
  id: string;
  title: Record<Lang, string>;
  description?: Record<Lang, string>;
}

/** The step id a leaving plan's task has on a run (`leaving-<taskId>`). */
export const LEAVING_STEP_PREFIX = 'leaving-';

/**
 * Title and one-sentence description of a plan step, from a run's plan snapshot: an onboarding
 * plan's step, or a leaving plan's task (step `leaving-<taskId>`, with its checklist).
 */
export function stepText(
  plan: unknown,
  stepId: string,
  lang: Lang,
): { title: string; todo?: string; checklist?: string[] } | undefined {
  const tasks = (plan as { tasks?: (PlanStepText & { checklist?: PlanStepText['title'][] })[] })
    ?.tasks;
  if (tasks) {
    const task = tasks.find((t) => `${LEAVING_STEP_PREFIX}${t.id}` === stepId);
    if (!task?.title) return undefined;
    return {
      title: task.title[lang],
      todo: firstSentence(task.description?.[lang]),
      checklist: task.checklist?.map((item) => item[lang]),
    };
  }
  const phases = (plan as { phases?: { steps?: PlanStepText[] }[] } | null)?.phases ?? [];
  const step = phases.flatMap((p) => p.steps ?? []).find((s) => s.id === stepId);
  if (!step?.title) return undefined;
  return { title: step.title[lang], todo: firstSentence(step.description?.[lang]) };
}

/** A phase's title in both languages, from the plan snapshot (`ACCESS` → phase `access`). */
export function phaseTitle(plan: unknown, phase: string): Record<Lang, string> | undefined {
  const phases = (plan as { phases?: { id: string; title?: Record<Lang, string> }[] } | null)
    ?.phases;
  return phases?.find((p) => p.id.toUpperCase().replace(/-/g, '_') === phase)?.title;
}
