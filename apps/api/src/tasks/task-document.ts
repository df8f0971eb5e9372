/**
 * The document an ACK_DOCUMENT task asks the hire to read (task key `<stepId>:ack:<documentId>`),
 * from the run's plan snapshot, with the version and hash the acknowledgement must send back.
 */
import { documentHash } from '../../../../domain/plans/document-hash';
import type { PlanFile } from '../../../../domain/plans/plan.schema';
import { LEAVING_STEP_PREFIX } from '../../../../domain/i18n/plan-text';
import type { TaskDocumentDto } from './dto/task-response.dto';

export function taskDocument(
  task: { kind: string; stepId: string; taskKey: string },
  definition: unknown,
): TaskDocumentDto | undefined {
  if (task.kind !== 'ACK_DOCUMENT' || !definition) return undefined;
  const plan = definition as PlanFile;
  const step = plan.phases.flatMap((p) => p.steps).find((s) => s.id === task.stepId);
  const id = task.taskKey.split(':ack:')[1];
  const doc = step?.kind === 'DOCUMENT_ACK' ? step.documents.find((d) => d.id === id) : undefined;
  if (!doc) return undefined;
  return {
    id: doc.id,
    title: doc.title,
    version: doc.version,
    ...(doc.url ? { url: doc.url } : {}),
    ...(doc.text ? { text: doc.text } : {}),
    contentHash: documentHash(doc),
  };
}

/**
 * The title of a step in a run's plan snapshot, or of a leaving task in the leaving plan version
 * its journey pinned (what people read), or null when it has none.
 */
export function stepTitleOf(
  definition: unknown,
  stepId: string,
): { fr: string; en: string } | null {
  // A leaving plan (its tasks are the run-level steps `leaving-<id>`).
  const tasks = (definition as { tasks?: { id: string; title: { fr: string; en: string } }[] })
    ?.tasks;
  if (tasks) return tasks.find((t) => `${LEAVING_STEP_PREFIX}${t.id}` === stepId)?.title ?? null;
  const phases = (definition as PlanFile | undefined)?.phases ?? [];
  return phases.flatMap((p) => p.steps).find((s) => s.id === stepId)?.title ?? null;
}
