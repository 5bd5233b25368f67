import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';

// A modal built on <dialog>: the browser traps focus, makes the page behind inert, closes on
// Esc (the `cancel` event) and gives focus back to the button that opened it.

interface ModalProps {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ComponentChildren;
  /** Extra class, e.g. `modal-wide`. */
  class?: string;
  /** Render the content only while open (fresh state each time). */
  lazy?: boolean;
}

export function Modal({ open, onClose, title, children, class: extra, lazy }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Layout effect: open in the same frame as the click, so the first keystrokes land inside.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      class={`modal ${extra ?? ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClose={() => {
        if (open) onClose();
      }}
    >
      <div class="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="icon-button" aria-label={`Close ${title}`} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div class="modal-body">{lazy && !open ? null : children}</div>
    </dialog>
  );
}
