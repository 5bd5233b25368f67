import type { PendingUndo } from '../hooks/use-undo-remove.js';
import { DismissibleToast } from './dismissible-toast.js';

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
        <DismissibleToast key={pending.id} class="toast tone-info undo-toast" onDismiss={onDismiss}>
          <span>{pending.text}</span>
          <button type="button" class="undo-button" onClick={onUndo}>
            Undo
          </button>
        </DismissibleToast>
      ) : null}
    </div>
  );
}
