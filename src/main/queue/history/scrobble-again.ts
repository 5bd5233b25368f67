import { InvalidInputError, NotFoundError } from '../../../shared/errors.js';
import type { StoredScrobble } from '../../../shared/queue-types.js';
import type { ScrobbleItem } from '../../../shared/track.js';
import { itemOf } from '../item-of.js';

// "Scrobble again" from the History: a new play now, with the same artist, track, album and
// the rest, queued for the services the user picks (or every one new scrobbles go to). The
// play it came from is not touched: it stays in the History as it was.

export interface ScrobbleAgainDeps {
  get: (id: number) => StoredScrobble | undefined;
  /** Checks a play against the rules of the services new scrobbles go to. */
  validate: (input: unknown) => ScrobbleItem;
  /** Queues for the services new scrobbles go to (the usual fan-out). */
  enqueue: (inputs: readonly unknown[], source: string) => StoredScrobble[];
  /** Queues for these services only, in one transaction. */
  enqueueFor: (
    targets: readonly string[],
    items: readonly ScrobbleItem[],
    source: string,
  ) => StoredScrobble[];
  /** Services with a signed-in account. */
  signedIn: () => string[];
  /** Tell the fronts and wake the senders after enqueueFor. */
  changed: (targets: readonly string[]) => void;
  now?: () => number;
}

export function scrobbleAgain(
  deps: ScrobbleAgainDeps,
  input: { id: number; services?: readonly string[] },
): StoredScrobble[] {
  const row = deps.get(input.id);
  if (!row) throw new NotFoundError(`No scrobble with id ${input.id}.`);
  const play = {
    ...itemOf(row),
    timestamp: Math.floor((deps.now ?? Date.now)() / 1000),
    // A new play now: the user chose to scrobble it.
    chosenByUser: true,
  };
  if (!input.services) return deps.enqueue([play], 'manual');
  const chosen = [...new Set(input.services)];
  if (chosen.length === 0) throw new InvalidInputError('Pick at least one service to scrobble to.');
  const signedIn = deps.signedIn();
  const missing = chosen.filter((s) => !signedIn.includes(s));
  if (missing.length) {
    throw new InvalidInputError(
      `Not signed in to ${missing.join(', ')}: sign in first, or pick another service.`,
    );
  }
  const item = deps.validate(play);
  const stored = deps.enqueueFor(chosen, [item], 'manual');
  deps.changed(chosen);
  return stored;
}
