// What both OAuth sign-ins add to the shared browser sign-in (auth/loopback-sign-in.ts): the
// provider's name, a clock, and loopback failures in OAuth's words (loopback-errors.ts).
// What to ask the provider and how to read the callback is each protocol's own
// (oauth1/flow.ts, oauth2/flow.ts).
import {
  runLoopbackSignIn as runBrowserSignIn,
  type LoopbackRun,
  type LoopbackSteps,
} from '../auth/loopback-sign-in.js';
import { fromLoopbackError } from './loopback-errors.js';

/** What every OAuth sign-in is given; `G` is what the provider grants (the tokens). */
export interface LoopbackSignInOptions<G, T> extends LoopbackRun<G, T> {
  /** The provider's name for messages ("SoundCloud"). */
  service: string;
  /** Open (or print) the approval page. */
  openUrl: (url: string) => void | Promise<void>;
  now?: () => number;
}

export function runLoopbackSignIn<S, G, T>(
  opts: LoopbackSignInOptions<G, T>,
  steps: Omit<LoopbackSteps<S, G>, 'translateError'>,
): Promise<T> {
  return runBrowserSignIn(opts, {
    ...steps,
    translateError: (error) => fromLoopbackError(error, opts.service),
  });
}
