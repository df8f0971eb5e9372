import { documentHash } from '../../../../domain/plans/document-hash';
import { stepTitleOf, taskDocument } from './task-document';

const doc = {
  id: 'charter',
  title: { fr: 'Charte', en: 'Charter' },
  version: '1.0',
  text: { fr: 'Texte', en: 'Text' },
};
const plan = { phases: [{ steps: [{ id: 'security', kind: 'DOCUMENT_ACK', documents: [doc] }] }] };
const task = { kind: 'ACK_DOCUMENT', stepId: 'security', taskKey: 'security:ack:charter' };

describe('taskDocument', () => {
  it('gives the document of an ACK_DOCUMENT task with the hash the worker computed', () => {
    expect(taskDocument(task, plan)).toEqual({ ...doc, contentHash: documentHash(doc) });
  });

  it('hashes a plan read back from jsonb (keys reordered) like the plan file', () => {
    const reordered = JSON.parse(
      JSON.stringify(plan).replace('{"fr":"Texte","en":"Text"}', '{"en":"Text","fr":"Texte"}'),
    ) as unknown;
    expect(taskDocument(task, reordered)?.contentHash).toBe(documentHash(doc));
  });

  it('is absent for other kinds and unknown documents', () => {
    expect(taskDocument({ ...task, kind: 'GENERIC' }, plan)).toBeUndefined();
    expect(taskDocument({ ...task, taskKey: 'security:ack:other' }, plan)).toBeUndefined();
  });
});

describe('stepTitleOf', () => {
  it("gives a step's title from the plan snapshot, null for an unknown step or no plan", () => {
    const titled = {
      phases: [{ steps: [{ id: 'grant-vpn', title: { fr: 'Accès VPN', en: 'VPN access' } }] }],
    };
    expect(stepTitleOf(titled, 'grant-vpn')).toEqual({ fr: 'Accès VPN', en: 'VPN access' });
    expect(stepTitleOf(titled, 'grant-other')).toBeNull();
    expect(stepTitleOf(undefined, 'grant-vpn')).toBeNull();
  });
});
