// A ListenBrainz service as a scrobble target. One play goes as `single`, a backlog as
// `import` (up to 1000 per request). ListenBrainz answers for the request as a whole, so an
// OK makes every item accepted as sent; failures are ListenBrainzErrors the sender reads like
// any DeliveryFailure (a 429 carries retryAfterMs from X-RateLimit-Reset-In). When an answer
// says no requests are left in the window, the result's waitMs tells the sender to pause.
// recentPlays reads the listens back, so a batch whose answer was lost is settled, not resent.

import type { SignedInAccount } from '../../auth/account-store.js';
import type { RecentPlay } from '../../../shared/recent-plays.js';
import type { ScrobbleBatchResult, ScrobbleItem, TrackInfo } from '../../../shared/track.js';
import { acceptedAsSent } from '../as12/as12-target.js';
import { DeliveryError } from '../delivery-error.js';
import type { ScrobbleTarget } from '../target.js';
import { ListenBrainzClient } from './client.js';
import type { ListenBrainzClientOptions } from './client.js';
import { MAX_LISTENS_PER_IMPORT } from './payload.js';
import type { Listen } from './payload.js';

export interface ListenBrainzTargetOptions {
  serviceId: string;
  serviceName: string;
  /** API root, e.g. `https://api.listenbrainz.org/`. */
  apiUrl: string;
  /** The signed-in account (a `user-token` credential), read for every call. */
  account: () => Promise<SignedInAccount | null>;
  clientVersion: string;
  http?: { userAgent?: string; connectTimeoutMs?: number; responseTimeoutMs?: number };
  now?: ListenBrainzClientOptions['now'];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A play as a listen. An mbid that is not a UUID is left out rather than failing the play. */
export function listenOf(item: ScrobbleItem): Listen {
  const { mbid, ...rest } = item;
  return mbid && UUID.test(mbid) ? { ...rest, recordingMbid: mbid } : rest;
}

export function createListenBrainzTarget(opts: ListenBrainzTargetOptions): ScrobbleTarget & {
  readonly client: ListenBrainzClient;
} {
  const client = new ListenBrainzClient({
    apiUrl: opts.apiUrl,
    clientVersion: opts.clientVersion,
    now: opts.now,
    ...opts.http,
  });
  const now = opts.now ?? Date.now;

  async function signedIn(): Promise<{ user: string; token: string }> {
    const account = await opts.account();
    if (account?.credential.kind === 'user-token') {
      return { user: account.user, token: account.credential.token };
    }
    throw new DeliveryError(
      `Not signed in to ${opts.serviceName}: run \`scrobbletray login --service ${opts.serviceId}\`.`,
      { errorClass: 'reauth' },
    );
  }

  /** The pause the last answer asked for: none left in the window, reset in N seconds. */
  function waitMs(): number | undefined {
    const rl = client.rateLimit;
    if (!rl || rl.remaining !== 0 || rl.resetInSec === null) return undefined;
    return Math.max(0, rl.observedAt + rl.resetInSec * 1000 - now());
  }

  return {
    id: opts.serviceId,
    maxBatch: MAX_LISTENS_PER_IMPORT,
    client,
    requestsLeft(nowMs: number) {
      const rl = client.rateLimit;
      if (!rl || rl.remaining === null || rl.resetInSec === null) return null;
      // The server's window has reset since that answer: nothing current is known.
      if (nowMs >= rl.observedAt + rl.resetInSec * 1000) return null;
      return { remaining: rl.remaining, limit: rl.limit };
    },
    async scrobble(items: readonly ScrobbleItem[]): Promise<ScrobbleBatchResult> {
      const { token } = await signedIn();
      const listens = items.map(listenOf);
      if (listens.length === 1) await client.submitSingle(token, listens[0] as Listen);
      else await client.submitImport(token, listens);
      const result: ScrobbleBatchResult = {
        accepted: items.length,
        ignored: 0,
        items: items.map(acceptedAsSent),
      };
      const wait = waitMs();
      return wait === undefined ? result : { ...result, waitMs: wait };
    },
    async updateNowPlaying(track: TrackInfo): Promise<void> {
      const { token } = await signedIn();
      const { mbid, ...rest } = track;
      await client.playingNow(
        token,
        mbid && UUID.test(mbid) ? { ...rest, recordingMbid: mbid } : rest,
      );
    },
    async recentPlays(fromSec: number, toSec: number): Promise<RecentPlay[]> {
      const { user, token } = await signedIn();
      // RecentPlaysLookup is inclusive; ListenBrainz's min_ts/max_ts are exclusive.
      const listens = await client.listensBetween(user, fromSec - 1, toSec + 1, token);
      return listens.map((l) => ({
        artist: l.artist,
        track: l.track,
        album: l.album ?? '',
        timestamp: l.listenedAt,
      }));
    },
    close: () => client.close(),
  };
}
