import type { SignedInAccount } from '../../auth/account-store.js';
import type { LastfmClient } from '../../lastfm/client.js';
import { MAX_SCROBBLES_PER_REQUEST } from '../../lastfm/params.js';
import type { RecentPlay } from '../../../shared/recent-plays.js';
import type { ScrobbleItem, TrackInfo } from '../../../shared/track.js';
import { DeliveryError } from '../delivery-error.js';
import { LASTFM_PACE } from '../pacing/rate-window.js';
import type { ScrobbleTarget } from '../target.js';

export interface LastfmTargetOptions {
  serviceId: string;
  serviceName: string;
  client: LastfmClient;
  /** The signed-in account, read for every call so signing in again takes effect at once. */
  account: () => Promise<SignedInAccount | null>;
  maxAgeDays?: number;
}

/** A Last.fm 2.0 service (Last.fm, Libre.fm, GNU FM) as a scrobble target. */
export function createLastfmTarget(opts: LastfmTargetOptions): ScrobbleTarget {
  const { serviceId, client } = opts;

  async function session(): Promise<{ user: string; sessionKey: string }> {
    const account = await opts.account();
    if (account?.credential.kind === 'session-key') {
      return { user: account.user, sessionKey: account.credential.sessionKey };
    }
    throw new DeliveryError(
      `Not signed in to ${opts.serviceName}: run \`scrobbletray login --service ${serviceId}\`.`,
      { errorClass: 'reauth' },
    );
  }

  return {
    id: serviceId,
    maxBatch: MAX_SCROBBLES_PER_REQUEST,
    maxAgeDays: opts.maxAgeDays,
    // Last.fm asks for 5 per second averaged over 5 minutes; we hold to 50 in any 10 s.
    pace: LASTFM_PACE,
    async scrobble(items: readonly ScrobbleItem[]) {
      return client.scrobble((await session()).sessionKey, items);
    },
    async updateNowPlaying(track: TrackInfo) {
      await client.updateNowPlaying((await session()).sessionKey, track);
    },
    async recentPlays(fromSec: number, toSec: number): Promise<RecentPlay[]> {
      const { user } = await session();
      const plays: RecentPlay[] = [];
      for (let page = 1; ; page++) {
        const result = await client.getRecentTracks({
          user,
          from: fromSec,
          to: toSec,
          limit: 200,
          page,
        });
        for (const t of result.tracks) {
          if (t.nowPlaying || t.timestamp === null) continue;
          plays.push({ artist: t.artist, track: t.track, album: t.album, timestamp: t.timestamp });
        }
        if (page >= result.totalPages || result.tracks.length === 0) return plays;
      }
    },
    close: () => client.close(),
  };
}
