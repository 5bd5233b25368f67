// Why a service did not record a scrobble, as named outcomes every protocol maps its own
// answers to. The queue, the sender and the window act on the kind alone (offer to re-time a
// play that is too old, wait out a daily cap); the protocol's own code is kept for people.

export const IGNORED_KINDS = [
  'filtered-artist',
  'filtered-track',
  'too-old',
  'too-new',
  /** The service's daily limit: not the scrobble's fault; it waits and is sent again. */
  'daily-cap',
  'duplicate',
  'other',
] as const;

export type IgnoredKind = (typeof IGNORED_KINDS)[number];

/**
 * The number each kind is stored under. The history has always stored Last.fm's ignoredMessage
 * numbering, so that numbering is Scrobbletray's; a protocol that reports another code (or
 * none) stores the kind's number here and keeps nothing protocol-specific in the database.
 */
export const IGNORED_KIND_CODES: Readonly<Record<IgnoredKind, number>> = {
  'filtered-artist': 1,
  'filtered-track': 2,
  'too-old': 3,
  'too-new': 4,
  'daily-cap': 5,
  duplicate: 91,
  // A code no kind names is stored as the service sent it; 'other' without one gets this.
  other: 999,
};

/** The kind of a stored ignored code (see IGNORED_KIND_CODES). */
export function ignoredKindOf(code: number): IgnoredKind {
  for (const kind of IGNORED_KINDS) if (IGNORED_KIND_CODES[kind] === code) return kind;
  return 'other';
}
