import { useRef } from 'preact/hooks';
import type { ConfirmOptions } from '../app-context.js';
import { Modal } from './modal.js';

// The one yes/no question the window asks (remove, sign out). In-page rather than
// window.confirm(), which blocks the page and which test browsers dismiss on their own.

export interface PendingConfirm extends ConfirmOptions {
  resolve: (yes: boolean) => void;
}

export function ConfirmDialog({
  pending,
  onDone,
}: {
  pending: PendingConfirm | null;
  onDone: () => void;
}) {
  const last = useRef<PendingConfirm | null>(null);
  if (pending) last.current = pending;
  const shown = pending ?? last.current;
  const answer = (yes: boolean) => {
    pending?.resolve(yes);
    onDone();
  };
  return (
    <Modal
      open={pending !== null}
      onClose={() => answer(false)}
      title={shown?.title ?? ''}
      class="modal-small"
    >
      <p>{shown?.message}</p>
      <div class="button-row end">
        {/* Cancel comes first and takes focus: a stray Enter must not destroy anything. */}
        <button type="button" autofocus onClick={() => answer(false)}>
          Cancel
        </button>
        <button
          type="button"
          class={shown?.danger ? 'danger' : 'primary'}
          onClick={() => answer(true)}
        >
          {shown?.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
