import { parseActionForm } from './action-forms';
import { pageCsp, renderPage, taskFormBody } from './action-pages';

const doc = { id: 'charter', title: 'Charte', version: '2', contentHash: 'h'.repeat(64) };

describe('parseActionForm', () => {
  it('reads a trial decision: END needs a last day and a reason, RENEW a date', () => {
    expect(parseActionForm('TRIAL_DECISION', { trialDecision: 'CONFIRM' })).toEqual({
      ok: true,
      payload: { trialDecision: 'CONFIRM' },
    });
    expect(
      parseActionForm('TRIAL_DECISION', {
        trialDecision: 'END',
        lastDay: '2027-04-02',
        reason: ' expectations not met ',
      }),
    ).toEqual({
      ok: true,
      payload: { trialDecision: 'END', lastDay: '2027-04-02', reason: 'expectations not met' },
    });
    expect(parseActionForm('TRIAL_DECISION', { trialDecision: 'END' })).toEqual({
      ok: false,
      errors: { lastDay: 'badDate', reason: 'mustFill' },
    });
    expect(parseActionForm('TRIAL_DECISION', { trialDecision: 'RENEW' })).toEqual({
      ok: false,
      errors: { newDate: 'badDate' },
    });
    expect(parseActionForm('COSIGN_TRIAL_END', { approve: 'yes' })).toEqual({
      ok: true,
      payload: { approve: true },
    });
  });

  it('takes the acknowledged version and hash from the plan, never from the form', () => {
    const parsed = parseActionForm('ACK_DOCUMENT', { confirm: 'yes', contentHash: 'forged' }, doc);
    expect(parsed).toEqual({
      ok: true,
      payload: { documentVersion: '2', contentHash: doc.contentHash },
    });
    expect(parseActionForm('ACK_DOCUMENT', {}, doc)).toEqual({
      ok: false,
      errors: { confirm: 'mustConfirm' },
    });
  });

  it('builds checkpoint decisions, with a date only when extending', () => {
    expect(
      parseActionForm('REVIEW_CHECKPOINT', { decision: 'EXTEND', newDate: '2027-02-01' }),
    ).toEqual({
      ok: true,
      payload: { decision: 'EXTEND', newDate: '2027-02-01' },
    });
    expect(
      parseActionForm('REVIEW_CHECKPOINT', { decision: 'EXTEND', newDate: 'soon' }),
    ).toMatchObject({
      errors: { newDate: 'badDate' },
    });
    expect(parseActionForm('REVIEW_CHECKPOINT', { decision: 'MAYBE' })).toMatchObject({
      errors: { decision: 'mustChoose' },
    });
  });

  it('needs a reason to reject access, a reference to provision, text to reflect', () => {
    expect(parseActionForm('APPROVE_ACCESS', { approve: 'no' })).toMatchObject({
      errors: { reason: 'mustFill' },
    });
    expect(parseActionForm('APPROVE_ACCESS', { approve: 'yes' })).toEqual({
      ok: true,
      payload: { approve: true },
    });
    expect(parseActionForm('PROVISION_ACCESS', { externalRef: ' IT-1 ' })).toEqual({
      ok: true,
      payload: { externalRef: 'IT-1' },
    });
    expect(
      parseActionForm('ATTEND_TOUR', { attended: 'yes', reflection: 'x'.repeat(2001) }),
    ).toMatchObject({
      errors: { reflection: 'tooLong' },
    });
  });
});

describe('action pages', () => {
  it('escape values, label every control and use no script', () => {
    const body = taskFormBody({
      lang: 'en',
      kind: 'APPROVE_ACCESS',
      action: '/actions/t',
      hireName: '<b>Afi</b>',
      stepTitle: 'GitLab',
      instructions: 'Approve or reject',
      values: { reason: '"><script>' },
      errors: { approve: 'mustChoose' },
    });
    const html = renderPage({
      lang: 'en',
      brandName: 'DF',
      brandColor: '#0b5394',
      title: 'T',
      body,
    });
    expect(html).toContain('&lt;b&gt;Afi&lt;/b&gt;');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
    expect(html).not.toContain('<script');
    expect(html).toContain('<label for="reason">');
    expect(html).toContain('<legend>Access request');
    expect(html).toContain('role="alert"');
  });

  it('show the security document to acknowledge: title, version, link, text, confirmation', () => {
    const body = taskFormBody({
      lang: 'fr',
      kind: 'ACK_DOCUMENT',
      action: '/actions/t',
      hireName: 'Afi',
      stepTitle: 'Sécurité',
      instructions: 'Lisez',
      document: { ...doc, url: 'https://docs.test/charte', text: 'Règle 1 <b>' },
    });
    expect(body).toContain('<dd>Charte</dd>');
    expect(body).toContain('<dd>2</dd>');
    expect(body).toContain('href="https://docs.test/charte"');
    expect(body).toContain('Règle 1 &lt;b&gt;');
    expect(body).toMatch(
      /<input type="checkbox" id="confirm" name="confirm" value="yes" required>/,
    );
    expect(body).toContain('<label for="confirm">');
  });

  it('allow exactly their own stylesheets by hash', () => {
    const csp = pageCsp('#0b5394');
    expect(csp).toMatch(/style-src 'sha256-[^']+' 'sha256-[^']+'/);
    expect(csp).toContain("default-src 'none'");
  });
});
