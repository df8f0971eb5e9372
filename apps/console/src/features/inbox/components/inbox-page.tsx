import { LiveNote } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { TaskList } from './task-list';

export function InboxPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('inbox.title')}</h1>
      <LiveNote />
      <TaskList />
    </section>
  );
}
