// An Audioscrobbler 1.2 service (a GNU FM server's 1.2 root) as a scrobble target.
//
// 1.2 answers for the batch as a whole (see client.ts): "OK" makes every item accepted as
// sent (no corrections, no ignored: the server may still have dropped a duplicate, which it
// does not say), anything else throws an As12Error whose errorClass, retryAfterMs and
// maybeProcessed the sender reads like any DeliveryFailure. 1.2 has no read-back, so there is
// no recentPlays: a batch whose answer was lost is sent again, which GNU FM tolerates (it
// drops exact duplicates).

import type { SignedInAccount } from '../../auth/account-store.js';
import type { ScrobbleBatchResult, ScrobbleItem, TrackInfo } from '../../../shared/track.js';
import type { ScrobbleTarget } from '../target.js';
import { As12Client } from './client.js';
import type { As12ClientOptions } from './client.js';
import { MAX_TRACKS_PER_SUBMISSION } from './protocol.js';
import type { As12Credentials } from './protocol.js';

export interface As12TargetOptions {
  serviceId: string;
  /** The handshake root, e.g. `http://turtle.libre.fm/`. */
  handshakeUrl: string;
  /** The signed-in account, read before every handshake (sign-in takes effect at once). */
  account: () => Promise<SignedInAccount | null>;
  clientVersion: string;
  /**
   * For the 1.2.1 web-service handshake: when the account holds a 2.0 session key instead of
   * md5(password), these sign it. Absent: only password-md5 accounts can send.
   */
  webService?: { apiKey: string; apiSecret: string };
  http?: { userAgent?: string; connectTimeoutMs?: number; responseTimeoutMs?: number };
  /** For tests: the client's clock and timestamp ledger. */
  client?: Pick<As12ClientOptions, 'now' | 'timestamps' | 'clientId' | 'policy'>;
}

/** The protocol's own limit is 50 per submission; we also hold to 50 requests per 10 s. */
export const AS12_PACE = { requests: 50, perMs: 10_000 } as const;

export function as12CredentialsOf(
  account: SignedInAccount | null,
  webService?: As12TargetOptions['webService'],
): As12Credentials | null {
  if (!account) return null;
  const c = account.credential;
  if (c.kind === 'password-md5') {
    return { kind: 'password', user: account.user, passwordMd5: c.passwordMd5 };
  }
  if (c.kind === 'session-key' && webService) {
    return { kind: 'web-service', user: account.user, sessionKey: c.sessionKey, ...webService };
  }
  return null;
}

export function createAs12Target(opts: As12TargetOptions): ScrobbleTarget & {
  readonly client: As12Client;
} {
  const client = new As12Client({
    handshakeUrl: opts.handshakeUrl,
    credentials: async () => as12CredentialsOf(await opts.account(), opts.webService),
    clientVersion: opts.clientVersion,
    ...opts.http,
    ...opts.client,
  });
  return {
    id: opts.serviceId,
    maxBatch: MAX_TRACKS_PER_SUBMISSION,
    pace: AS12_PACE,
    client,
    async scrobble(items: readonly ScrobbleItem[]): Promise<ScrobbleBatchResult> {
      await client.scrobble(items);
      return { accepted: items.length, ignored: 0, items: items.map(acceptedAsSent) };
    },
    async updateNowPlaying(track: TrackInfo): Promise<void> {
      await client.nowPlaying(track);
    },
    close: () => client.close(),
  };
}

/** What 1.2 lets us say about an item of a batch answered OK: accepted, as sent. */
export function acceptedAsSent(item: TrackInfo): ScrobbleBatchResult['items'][number] {
  return {
    status: 'accepted',
    recorded: {
      artist: item.artist,
      track: item.track,
      album: item.album ?? '',
      albumArtist: item.albumArtist ?? '',
    },
    corrected: { artist: false, track: false, album: false, albumArtist: false },
  };
}
