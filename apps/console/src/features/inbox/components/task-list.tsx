/**
 * Open tasks, earliest due first (overdue ones first, as the API orders them), each with its form.
 * The page composing it says it refreshes (LiveNote): the journey page already does, once.
 */
import { Link } from '@tanstack/react-router';
import { ErrorPage } from '../../../components/pages';
import { Loading, OverdueBadge } from '../../../components/ui';
import { formatDate, stepName } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useMyTasks } from '../api/tasks';
import { TaskForm } from './task-form';

export function TaskList({ showRunLinks = true }: { showRunLinks?: boolean }) {
  const { t, lang, label } = useI18n();
  const tasks = useMyTasks();
  if (tasks.isPending) return <Loading />;
  if (tasks.error) return <ErrorPage error={tasks.error} retry={() => void tasks.refetch()} />;
  if (tasks.data.length === 0) return <p className="card">{t('inbox.empty')}</p>;
  const sorted = [...tasks.data].sort((a, b) => Number(b.overdue) - Number(a.overdue));
  return (
    <>
      <ul className="task-list">
        {sorted.map((task) => (
          <li key={task.id} className={`card task${task.overdue ? ' task-late' : ''}`}>
            <div className="task-head">
              <h3>{label('kind', task.kind)}</h3>
              {task.overdue && <OverdueBadge />}
            </div>
            <p className="muted">
              {stepName({ id: task.stepId, title: task.stepTitle }, lang)} ·{' '}
              {t('run.due', { date: formatDate(task.dueAt, lang) })}
              {showRunLinks && (
                <>
                  {' · '}
                  <Link to="/runs/$runId" params={{ runId: task.runId }}>
                    {task.hireName ? t('inbox.runOf', { name: task.hireName }) : t('inbox.run')}
                  </Link>
                </>
              )}
            </p>
            <TaskContext context={task.context} />
            <TaskForm task={task} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** What the task carries to decide on (e.g. an access verification): shown as facts, not JSON. */
function TaskContext({ context }: { context: unknown }) {
  const { t } = useI18n();
  if (!context || typeof context !== 'object') return null;
  const facts = Object.entries(context as Record<string, unknown>).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.entries(v as Record<string, unknown>).map(
          ([k2, v2]) => [`${k} · ${k2}`, v2] as const,
        )
      : [[k, v] as const],
  );
  return (
    <details className="context">
      <summary>{t('inbox.context')}</summary>
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>
              {typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
                ? String(v)
                : Array.isArray(v)
                  ? `${v.length}`
                  : '—'}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
