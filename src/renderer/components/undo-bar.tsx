import type { PendingUndo } from '../hooks/use-undo-remove.js';

// "Removed “Roads” by Portishead. [Undo]" for a few seconds after a removal, in a live
// region that exists from the start so screen readers announce it.

export function UndoBar({
  pending,
  onUndo,
  onDismiss,
}: {
  pending: PendingUndo | null;
  onUndo: () => void;
  onDismiss: () => void;
}) {
  return (
    <div class="undo-region" role="status" aria-live="polite" data-testid="undo-bar">
      {pending ? (
        <div class="toast tone-info undo-toast" key={pending.id}>
          <span>{pending.text}</span>
          <button type="button" class="undo-button" onClick={onUndo}>
            Undo
          </button>
          <button
            type="button"
            class="icon-button"
            aria-label="Dismiss message"
            onClick={onDismiss}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
