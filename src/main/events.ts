import type { CoreEvent } from '../shared/core-events.js';

export type { CoreEvent };

export type CoreEventListener = (event: CoreEvent) => void;

export class CoreEvents {
  readonly #listeners = new Set<CoreEventListener>();

  /** Listen; returns the function that stops listening. */
  on(listener: CoreEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: CoreEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener (a closed window, say) must not stop the others or the sender.
      }
    }
  }
}
