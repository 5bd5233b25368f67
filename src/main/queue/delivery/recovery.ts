import type { ScrobbleTarget } from '../../targets/target.js';
import type { ErrorClass } from '../../../shared/queue-types.js';
import type { RecentPlay } from '../../../shared/recent-plays.js';
import type { ScrobbleOutcome } from '../../../shared/track.js';
import type { ScrobbleStore, StoredScrobble } from '../storage/store.js';

// Rows left in `sending` were in flight when a process died, and `unconfirmed` rows were sent
// but their answer was lost: the service may or may not have recorded them. Duplicate policy
// (docs/QUEUE.md): ask the service what it recorded in that time span, mark the ones it has as
// accepted and resend the rest. When the service cannot be asked (no look-up, or the look-up
// is refused for good) we resend: a possible duplicate is better than a lost scrobble. When it
// cannot be asked *yet* (offline), the rows wait.

export interface RecoveryResult {
  accepted: number;
  requeued: number;
  /** Set when the look-up failed in a way worth retrying later; the rows stay in `sending`. */
  error?: { message: string; errorClass: ErrorClass; retryAfterMs?: number | null };
  /** Set when the pace did not let the look-up go now; the rows stay as they are. */
  stopped?: { reason: 'rate-limited'; detail: string };
}

/** The sender's pacer around the look-up, which is a request like any other. */
export interface LookupPace {
  /** Waits for the pace; false when the look-up must not go now. */
  before(): Promise<boolean>;
  /** The look-up was answered (or failed). */
  after(): void;
}

export async function recoverInterrupted(
  store: ScrobbleStore,
  target: ScrobbleTarget,
  now: () => number,
  pace?: LookupPace,
): Promise<RecoveryResult> {
  // In flight when a process died, or sent with the answer lost and now due again.
  const rows = [...store.listSending(target.id), ...store.listUnconfirmedDue(target.id, now())];
  if (rows.length === 0) return { accepted: 0, requeued: 0 };
  if (!target.recentPlays) {
    store.requeue(rows.map((r) => r.id));
    return { accepted: 0, requeued: rows.length };
  }
  const timestamps = rows.map((r) => r.timestamp);
  if (pace && !(await pace.before())) {
    const detail = 'Waiting for the service’s pace before checking what it recorded.';
    return { accepted: 0, requeued: 0, stopped: { reason: 'rate-limited', detail } };
  }
  let plays: RecentPlay[];
  try {
    plays = await target.recentPlays(
      timestamps.reduce((a, b) => Math.min(a, b)) - 1,
      timestamps.reduce((a, b) => Math.max(a, b)) + 1,
    );
  } catch (error) {
    pace?.after();
    const e = error as { message?: string; errorClass?: ErrorClass; retryAfterMs?: number | null };
    if (e.errorClass && e.errorClass !== 'permanent') {
      return {
        accepted: 0,
        requeued: 0,
        error: {
          message: e.message ?? 'look-up failed',
          errorClass: e.errorClass,
          retryAfterMs: e.retryAfterMs ?? null,
        },
      };
    }
    store.requeue(rows.map((r) => r.id));
    return { accepted: 0, requeued: rows.length };
  }

  pace?.after();
  const found: { id: number; outcome: ScrobbleOutcome }[] = [];
  const missing: number[] = [];
  const unused = [...plays];
  for (const row of rows) {
    const index = unused.findIndex((play) => sameScrobble(row, play));
    if (index === -1) {
      missing.push(row.id);
      continue;
    }
    const [play] = unused.splice(index, 1);
    if (play) found.push({ id: row.id, outcome: acceptedAs(row, play) });
  }
  if (found.length > 0) store.applyOutcomes(found, now());
  if (missing.length > 0) store.requeue(missing);
  return { accepted: found.length, requeued: missing.length };
}

const fold = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/**
 * Same start time, and the same title or artist (either may have been corrected by the
 * service, rarely both): two different plays never start in the same second.
 */
function sameScrobble(row: StoredScrobble, play: RecentPlay): boolean {
  if (play.timestamp !== row.timestamp) return false;
  return fold(play.track) === fold(row.track) || fold(play.artist) === fold(row.artist);
}

function acceptedAs(row: StoredScrobble, play: RecentPlay): ScrobbleOutcome {
  const recorded = {
    artist: play.artist,
    track: play.track,
    album: play.album,
    albumArtist: row.albumArtist ?? '',
  };
  return {
    status: 'accepted',
    recorded,
    corrected: {
      artist: play.artist !== row.artist,
      track: play.track !== row.track,
      album: (row.album ?? '') !== '' && play.album !== row.album,
      albumArtist: false,
    },
  };
}
