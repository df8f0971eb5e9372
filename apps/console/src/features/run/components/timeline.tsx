/** The journey by phase: each step with its due date (working days, from the API) and state. */
import type { RunDetail } from '../../../api/client';
import { OverdueBadge, StatusBadge } from '../../../components/ui';
import { formatDate, formatDateTime, stepName } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';

export function Timeline({ run }: { run: RunDetail }) {
  const { t, lang, label } = useI18n();
  const overdue = new Map(run.overdueTasks.map((task) => [task.stepId, task]));
  // Steps reached (by the API's order), then the plan's steps not opened yet with their planned
  // due dates (the API's `plannedSteps`); the leaving steps have their own panel.
  const steps = [...run.steps, ...run.plannedSteps].filter((s) => s.phase !== 'LEAVING');
  const phases = [...new Set(steps.map((s) => s.phase))];
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">
        {t('run.timeline')} <StatusBadge status={run.status} />
      </h2>
      {run.status === 'CANCELLED' && run.cancelReason && (
        <p className="alert alert-warning">
          {t('run.cancelReasonValue', { reason: run.cancelReason })}
        </p>
      )}
      {phases.map((phase) => (
        <div key={phase} className="phase">
          <h3>{label('phase', phase)}</h3>
          <ol className="steps">
            {steps
              .filter((s) => s.phase === phase)
              .map((step) => {
                const late = overdue.get(step.id);
                return (
                  <li
                    key={step.id}
                    className={`step step-${step.status.toLowerCase()}${late ? ' step-late' : ''}`}
                  >
                    <div className="step-head">
                      <span className="step-name">{stepName(step, lang)}</span>
                      <StatusBadge status={step.status} />
                      {late && <OverdueBadge />}
                    </div>
                    <p className="step-meta">
                      {label('kind', step.kind)} ·{' '}
                      {step.completedAt
                        ? t('run.done', { date: formatDateTime(step.completedAt, lang) })
                        : step.status === 'PLANNED'
                          ? t('run.planned', { date: formatDate(step.dueAt, lang) })
                          : t('run.due', { date: formatDate(step.dueAt, lang) })}
                      {late && (
                        <> · {t('run.waitingOn', { who: label('role', late.assigneeRole) })}</>
                      )}
                    </p>
                  </li>
                );
              })}
          </ol>
        </div>
      ))}
    </section>
  );
}
