/**
 * The form of one task, by kind. Sends the same Update as the email link; shows pending, then the
 * server's answer (a refusal shows the workflow validator's reason).
 */
import { useState, type FormEvent } from 'react';
import { fieldErrors, type Task } from '../../../api/client';
import { DateInput } from '../../../components/date-input';
import { Field, ProblemMessage } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useCompleteTask, type TaskBody } from '../api/tasks';

export function TaskForm({ task }: { task: Task }) {
  const { t, lang, label } = useI18n();
  const complete = useCompleteTask(task.id);
  const [decision, setDecision] = useState<'APPROVE' | 'EXTEND' | 'ESCALATE'>('APPROVE');
  const errors = fieldErrors(complete.error);
  const id = (name: string) => `${task.id}-${name}`;

  const send = (body: TaskBody) => complete.mutate(body);
  const text = (e: FormEvent<HTMLFormElement>, name: string) => {
    const value = new FormData(e.currentTarget).get(name);
    return typeof value === 'string' ? value.trim() : '';
  };

  const submitButton = (labelText = t('inbox.submit')) => (
    <button type="submit" disabled={complete.isPending}>
      {complete.isPending ? t('common.pending') : labelText}
    </button>
  );

  let form;
  switch (task.kind) {
    case 'APPROVE_ACCESS':
      form = (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const submitter = e.nativeEvent.submitter;
            const reason = text(e, 'reason');
            send({
              approve: submitter instanceof HTMLButtonElement && submitter.value === 'approve',
              ...(reason ? { reason } : {}),
            });
          }}
        >
          <Field id={id('reason')} label={t('inbox.reason')} error={errors.reason}>
            {(p) => <textarea {...p} name="reason" rows={2} />}
          </Field>
          <div className="actions">
            <button type="submit" name="decision" value="approve" disabled={complete.isPending}>
              {complete.isPending ? t('common.pending') : t('inbox.approve')}
            </button>
            <button
              type="submit"
              name="decision"
              value="reject"
              className="danger"
              disabled={complete.isPending}
            >
              {t('inbox.reject')}
            </button>
          </div>
        </form>
      );
      break;
    case 'REVIEW_CHECKPOINT':
      form = (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const notes = text(e, 'notes');
            const newDate = text(e, 'newDate');
            send({
              decision,
              ...(decision === 'EXTEND' && newDate ? { newDate } : {}),
              ...(notes ? { notes } : {}),
            });
          }}
        >
          <fieldset>
            <legend>{t('inbox.decision')}</legend>
            {(['APPROVE', 'EXTEND', 'ESCALATE'] as const).map((d) => (
              <div className="field checkbox" key={d}>
                <input
                  type="radio"
                  id={id(d)}
                  name="decision"
                  value={d}
                  checked={decision === d}
                  onChange={() => setDecision(d)}
                />
                <label htmlFor={id(d)}>{label('decision', d)}</label>
              </div>
            ))}
          </fieldset>
          {decision === 'EXTEND' && (
            <Field id={id('newDate')} label={t('inbox.newDate')} error={errors.newDate}>
              {(p) => <DateInput {...p} name="newDate" />}
            </Field>
          )}
          <Field id={id('notes')} label={t('inbox.notes')} error={errors.notes}>
            {(p) => <textarea {...p} name="notes" rows={2} />}
          </Field>
          <div className="actions">{submitButton()}</div>
        </form>
      );
      break;
    case 'ACK_DOCUMENT': {
      const doc = task.document;
      form = doc ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send({ documentVersion: doc.version, contentHash: doc.contentHash });
          }}
        >
          <h4>{lang === 'en' ? doc.title.en : doc.title.fr}</h4>
          <p className="muted small">{t('inbox.documentVersion', { version: doc.version })}</p>
          {doc.text && (
            <div className="document-text">{lang === 'en' ? doc.text.en : doc.text.fr}</div>
          )}
          {doc.url && (
            <p>
              <a href={doc.url} target="_blank" rel="noreferrer noopener">
                {t('inbox.openDocument')}
              </a>
            </p>
          )}
          <div className="actions">{submitButton(t('inbox.acknowledge'))}</div>
        </form>
      ) : null;
      break;
    }
    case 'ATTEND_TOUR':
    case 'SELF_ASSESSMENT':
    case 'PROVISION_ACCESS': {
      const name =
        task.kind === 'ATTEND_TOUR'
          ? 'reflection'
          : task.kind === 'SELF_ASSESSMENT'
            ? 'assessment'
            : 'externalRef';
      const fieldLabel =
        task.kind === 'ATTEND_TOUR'
          ? t('inbox.reflection')
          : task.kind === 'SELF_ASSESSMENT'
            ? t('inbox.assessment')
            : t('inbox.externalRef');
      form = (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send({ [name]: text(e, name) } as TaskBody);
          }}
        >
          <Field id={id(name)} label={fieldLabel} error={errors[name]}>
            {(p) =>
              name === 'externalRef' ? (
                <input {...p} name={name} />
              ) : (
                <textarea {...p} name={name} rows={3} />
              )
            }
          </Field>
          <div className="actions">{submitButton()}</div>
        </form>
      );
      break;
    }
    default:
      form = (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send({});
          }}
        >
          <div className="actions">{submitButton(t('inbox.confirm'))}</div>
        </form>
      );
  }
  return (
    <div className="task-form">
      {form}
      {Object.keys(errors).length === 0 && <ProblemMessage error={complete.error} />}
      {complete.isSuccess && (
        <p className="alert alert-success" role="status">
          {t('inbox.done')}
        </p>
      )}
    </div>
  );
}
