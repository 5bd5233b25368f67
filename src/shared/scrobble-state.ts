// The life of one scrobble for one target. `sending` exists only while a request is in flight;
// a row found in it at start-up was interrupted and is resolved by crash recovery.
export const SCROBBLE_STATES = [
  'queued',
  'sending',
  'retrying',
  'accepted',
  'ignored',
  'failed',
] as const;

export type ScrobbleState = (typeof SCROBBLE_STATES)[number];

/** States the user can edit (then the item is validated again and queued). */
export const EDITABLE_STATES: readonly ScrobbleState[] = [
  'queued',
  'retrying',
  'failed',
  'ignored',
];

/** States still waiting to be delivered. */
export const PENDING_STATES: readonly ScrobbleState[] = ['queued', 'sending', 'retrying'];
