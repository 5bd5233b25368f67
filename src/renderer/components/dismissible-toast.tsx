import type { ComponentChildren } from 'preact';

// One message in a toast, with the × that dismisses it: the status line and the undo bar show
// their messages in it. Give it a key per message, so a new message is a new element.

export function DismissibleToast(props: {
  class: string;
  onDismiss: () => void;
  children: ComponentChildren;
}) {
  return (
    <div class={props.class}>
      {props.children}
      <button
        type="button"
        class="icon-button"
        aria-label="Dismiss message"
        onClick={props.onDismiss}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
