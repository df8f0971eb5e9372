/** Security sign-off, codebase tours and generic tasks: steps completed by people. */
import type { ScheduledStep } from '../definitions';
import type { Journey } from './journey';
import { runTask } from './tasks';

async function opened(j: Journey, step: ScheduledStep): Promise<void> {
  await j.until(step.opensAt);
  await j.whilePaused();
  await j.setStep(step, 'IN_PROGRESS');
}

/** The hire acknowledges each document of the step (version and content hash checked by the validator). */
export async function acknowledgeDocuments(j: Journey, step: ScheduledStep): Promise<void> {
  await opened(j, step);
  const documents = step.documents ?? [];
  await Promise.all(
    documents.map((doc) =>
      runTask(j, {
        key: `${step.id}:ack:${doc.id}`,
        step,
        kind: 'ACK_DOCUMENT',
        assignee: 'HIRE',
        documentId: doc.id,
      }),
    ),
  );
  await j.setStep(step, 'DONE', { documents: documents.map((d) => `${d.id}@${d.version}`) });
}

/**
 * The hire attends and writes a reflection; the guide confirms. Both in parallel. A peer tour goes
 * to the peer HR named (by subject; the guide role, the tech lead, remains the fallback); until
 * one is named, the tech lead guides. assignTourGuide re-assigns an open confirmation.
 */
export async function takeTour(j: Journey, step: ScheduledStep): Promise<void> {
  await opened(j, step);
  const guide = step.tour?.guideRole ?? 'TECH_LEAD';
  const peer = step.tour?.peer ? j.tourGuides.get(step.id) : undefined;
  await Promise.all([
    runTask(j, { key: `${step.id}:attend`, step, kind: 'ATTEND_TOUR', assignee: 'HIRE' }),
    runTask(j, {
      key: `${step.id}:confirm`,
      step,
      kind: 'CONFIRM_TOUR',
      assignee: guide,
      assigneeSub: peer,
    }),
  ]);
  await j.setStep(step, 'DONE');
}

export async function genericTask(j: Journey, step: ScheduledStep): Promise<void> {
  await opened(j, step);
  await runTask(j, { key: `${step.id}:task`, step, kind: 'GENERIC', assignee: step.owner });
  await j.setStep(step, 'DONE');
}
