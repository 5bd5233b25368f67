import type { ContractInput, ContractMethod } from '../../shared/contract.js';
import type { CoreEvent } from '../../shared/core-events.js';
import type { ErrorKind } from '../../shared/errors.js';
import type { FieldProblem } from '../../shared/validation.js';

// How the window talks to the core, whichever shell it runs in: the Electron preload bridge
// or the headless HTTP client. Views depend on this interface only.

export interface CoreTransport {
  call<M extends ContractMethod>(method: M, input: ContractInput<M>): Promise<unknown>;
  onEvent(listener: (e: CoreEvent) => void): () => void;
}

/** A call the core refused or could not complete; `problems` name fields for inline errors. */
export class CoreCallError extends Error {
  override readonly name = 'CoreCallError';
  readonly problems: FieldProblem[] | undefined;
  /** The HTTP status in headless mode; undefined over the preload bridge. */
  readonly status: number | undefined;
  /** The shared error vocabulary's kind (not found, needs sign-in...), on both transports. */
  readonly kind: ErrorKind | undefined;

  constructor(
    message: string,
    opts: { problems?: FieldProblem[]; status?: number; kind?: ErrorKind } = {},
  ) {
    super(message);
    this.problems = opts.problems;
    this.status = opts.status;
    this.kind = opts.kind;
  }
}
