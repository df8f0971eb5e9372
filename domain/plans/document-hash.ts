import { createHash } from 'node:crypto';

/**
 * The content hash a hire acknowledges. The text's keys are put in a fixed order first: a plan
 * read back from PostgreSQL (jsonb) has its keys reordered (`en` before `fr`), and the API must
 * compute the same hash from it as the worker did from the plan file.
 */
export function documentHash(doc: { url?: string; text?: { fr: string; en: string } }): string {
  const text = doc.text ? { fr: doc.text.fr, en: doc.text.en } : null;
  return createHash('sha256')
    .update(JSON.stringify({ url: doc.url ?? null, text }))
    .digest('hex');
}
