import { useEffect } from 'preact/hooks';
import type { Tone } from '../app-context.js';

// The window's status line: a polite live region that exists from the start (so screen
// readers announce every message), showing the latest message for a while.

export interface ToastMessage {
  id: number;
  text: string;
  tone: Tone;
}

export function Toast({
  message,
  onDismiss,
}: {
  message: ToastMessage | null;
  onDismiss: () => void;
}) {
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(onDismiss, message.tone === 'error' ? 15_000 : 7_000);
    return () => clearTimeout(timer);
  }, [message?.id]);
  return (
    <div class="toast-region" role="status" aria-live="polite" data-testid="status-message">
      {message ? (
        <div class={`toast tone-${message.tone}`} key={message.id}>
          <span>{message.text}</span>
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
