/** Previous / next over an offset-paged list (the API's limit, offset and total). */
import { useI18n } from '../lib/i18n';

export function Pager({
  section,
  offset,
  limit,
  total,
  onOffset,
}: {
  section: string;
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  const { t } = useI18n();
  if (total <= limit && offset === 0) return null;
  return (
    <nav className="pager" aria-label={t('pager.label', { section })}>
      <button
        type="button"
        className="secondary"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        {t('runs.previous')}
      </button>
      <span>
        {t('pager.range', {
          from: Math.min(offset + 1, total),
          to: Math.min(offset + limit, total),
          total,
        })}
      </span>
      <button
        type="button"
        className="secondary"
        disabled={offset + limit >= total}
        onClick={() => onOffset(offset + limit)}
      >
        {t('runs.next')}
      </button>
    </nav>
  );
}
