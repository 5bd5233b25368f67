// The player feed for the OS we run on: the one place that picks MPRIS, SMTC or MediaRemote.

import { MediaRemoteFeed } from './mediaremote/mediaremote-feed.js';
import { MprisFeed } from './mpris/mpris-feed.js';
import type { PlayerFeed } from './player-feed.js';
import { SmtcFeed } from './smtc/smtc-feed.js';

export interface PlatformFeedOptions {
  platform?: NodeJS.Platform;
  /** Linux: a bus address other than DBUS_SESSION_BUS_ADDRESS (tests, benchmarks). */
  busAddress?: string;
  /** Linux: how often to read the position of a playing player. */
  pollMs?: number;
  /** macOS: where the app ships mediaremote-adapter.pl and MediaRemoteAdapter.framework. */
  mediaRemote?: { scriptPath: string; frameworkPath: string };
}

export async function platformFeed(options: PlatformFeedOptions = {}): Promise<PlayerFeed> {
  const platform = options.platform ?? process.platform;
  switch (platform) {
    case 'win32':
      return new SmtcFeed({ pollMs: options.pollMs });
    case 'darwin':
      if (!options.mediaRemote) {
        throw new Error(
          'Watching macOS players needs the MediaRemote adapter (mediaremote-adapter.pl and MediaRemoteAdapter.framework) shipped with the app; this build has none.',
        );
      }
      return new MediaRemoteFeed({ ...options.mediaRemote, platform });
    default: {
      // Imported here: D-Bus (about 70 ms to load) is only for watching, never for a scrobble.
      const { openDbusPlayerBus } = await import('./mpris/dbus-player-bus.js');
      const bus = await openDbusPlayerBus({ busAddress: options.busAddress });
      return new MprisFeed({ bus, pollMs: options.pollMs });
    }
  }
}
