// Quit, whatever asked for it (the menu, Cmd+Q, logout, SIGINT/SIGTERM): stop drawing and
// listening, put the windows away, let the core finish its writes and close the database,
// then exit. Runs once however many times it is asked; a failing step never keeps the core
// from closing or the process from exiting.

export interface QuitSteps {
  /** Save places, stop the tray, unbind IPC, destroy windows and tray: in this order. */
  teardown: ReadonlyArray<readonly [what: string, step: () => void]>;
  closeCore(): Promise<void>;
  exit(code: number): void;
  onError(what: string, error: unknown): void;
}

export function createQuit(steps: QuitSteps): () => Promise<void> {
  let quitting: Promise<void> | null = null;
  return () => {
    quitting ??= (async () => {
      for (const [what, step] of steps.teardown) {
        try {
          step();
        } catch (error) {
          steps.onError(what, error);
        }
      }
      try {
        await steps.closeCore();
      } catch (error) {
        steps.onError('closing the core', error);
      }
      steps.exit(0);
    })();
    return quitting;
  };
}
