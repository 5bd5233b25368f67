import { useEffect } from 'preact/hooks';
import type { Tone } from '../app-context.js';
import { plainWords } from '../lib/describe.js';
import { DismissibleToast } from './dismissible-toast.js';

// The window's status line: a polite live region that exists from the start (so screen
// readers announce every message), showing the latest message for a while. A problem is said
// in plain words (no API method names, error numbers or command lines); the core's own text
// stays under Details.

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
        <DismissibleToast
          key={message.id}
          class={`toast tone-${message.tone}`}
          onDismiss={onDismiss}
        >
          <ToastText message={message} />
        </DismissibleToast>
      ) : null}
    </div>
  );
}

function ToastText({ message }: { message: ToastMessage }) {
  const problem = message.tone === 'error' || message.tone === 'warning';
  const words = problem ? plainWords(message.text) : message.text;
  const same = (a: string) => a.trim().replace(/\.$/, '').toLowerCase();
  if (!problem || same(words) === same(message.text)) return <span>{message.text}</span>;
  return (
    <span>
      {words}
      <details class="raw-details">
        <summary>Details</summary>
        <pre>{message.text}</pre>
      </details>
    </span>
  );
}
