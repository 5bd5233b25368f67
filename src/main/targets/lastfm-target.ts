import type { AccountRegistry } from '../auth/account-registry.js';
import { LastfmError } from '../lastfm/errors.js';
import type { LastfmClient } from '../lastfm/client.js';
import { MAX_SCROBBLES_PER_REQUEST } from '../lastfm/params.js';
import type { RecentTrack } from '../lastfm/types.js';
import type { ScrobbleItem, TrackInfo } from '../../shared/track.js';
import type { ScrobbleTarget } from './target.js';

export interface LastfmTargetOptions {
  serviceId: string;
  serviceName: string;
  client: LastfmClient;
  accounts: AccountRegistry;
  maxAgeDays?: number;
}

/**
 * A Last.fm 2.0 service (Last.fm, Libre.fm, GNU FM) as a scrobble target. The session is
 * looked up for every call, so signing in again takes effect at once.
 */
export function createLastfmTarget(opts: LastfmTargetOptions): ScrobbleTarget {
  const { serviceId, client, accounts } = opts;

  async function session() {
    const s = await accounts.session(serviceId);
    if (s) return s;
    throw new LastfmError({
      method: 'session',
      errorClass: 'reauth',
      message: `Not signed in to ${opts.serviceName}: run \`scrobbletray login --service ${serviceId}\`.`,
    });
  }

  return {
    id: serviceId,
    maxBatch: MAX_SCROBBLES_PER_REQUEST,
    maxAgeDays: opts.maxAgeDays,
    async scrobble(items: readonly ScrobbleItem[]) {
      return client.scrobble((await session()).sessionKey, items);
    },
    async updateNowPlaying(track: TrackInfo) {
      return client.updateNowPlaying((await session()).sessionKey, track);
    },
    async recentPlays(fromSec: number, toSec: number): Promise<RecentTrack[]> {
      const { user } = await session();
      const plays: RecentTrack[] = [];
      for (let page = 1; ; page++) {
        const result = await client.getRecentTracks({
          user,
          from: fromSec,
          to: toSec,
          limit: 200,
          page,
        });
        plays.push(...result.tracks.filter((t) => !t.nowPlaying));
        if (page >= result.totalPages || result.tracks.length === 0) return plays;
      }
    },
  };
}
