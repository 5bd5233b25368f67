// What the fronts see of SoundCloud and of links: plain data, never a token or a secret.
// The core builds these (src/main/soundcloud/soundcloud-service.ts); the window and the CLI
// read them.

export type SoundCloudMethod = 'oauth1' | 'oauth2';

export const SOUNDCLOUD_METHODS: readonly SoundCloudMethod[] = ['oauth2', 'oauth1'];

/** How each sign-in method reads for people. */
export const SOUNDCLOUD_METHOD_NAMES: Readonly<Record<SoundCloudMethod, string>> = {
  oauth2: 'OAuth 2.1',
  oauth1: 'OAuth 1.0a',
};

export interface SoundCloudStatus {
  /** A SoundCloud account is connected and its sign-in is in the keychain. */
  connected: boolean;
  /** The connected account's user name, or null. */
  user: string | null;
  method: SoundCloudMethod | null;
  /** ISO 8601, or null. */
  signedInAt: string | null;
  /** The app's consumer key and secret are known (environment, or saved earlier). */
  hasApp: boolean;
  /** Connected once, but the saved sign-in is gone or SoundCloud refused it: connect again. */
  needsSignIn: boolean;
}

export interface SoundCloudWho {
  user: string;
  id: string;
  fullName?: string;
  permalinkUrl?: string;
  method: SoundCloudMethod;
  signedInAt: string;
}

/** A liked track, with the artist and title Scrobbletray would scrobble. */
export interface LikedTrack {
  id: string;
  /** The title as uploaded. */
  title: string;
  uploader: string;
  artist: string;
  track: string;
  album?: string;
  /** Seconds, when known. */
  duration?: number;
  url?: string;
}

export interface LikesPageView {
  tracks: LikedTrack[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  next: string | null;
}

/** A link read into track fields, for the user to review before anything is queued. */
export interface LinkTrackView {
  artist: string;
  track: string;
  album?: string;
  duration?: number;
  url: string;
  source: 'soundcloud-api' | 'soundcloud-oembed' | 'youtube-oembed';
}
