/**
 * A confirmation that says what will happen, on the native <dialog> (focus moves in and is
 * trapped, Escape closes). The action's pending state and the server's answer show inside it.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n';
import { ProblemMessage } from './ui';

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pending,
  error,
  danger,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="dialog-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        <h2 id="dialog-title">{title}</h2>
        <div className="dialog-body">{children}</div>
        <ProblemMessage error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={danger ? 'danger' : undefined} disabled={pending}>
            {pending ? t('common.pending') : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
