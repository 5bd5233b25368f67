// Results of the Last.fm 2.0 calls Scrobbletray makes, in our own shapes (not Last.fm's JSON).

export interface LastfmSession {
  name: string;
  key: string;
  subscriber: boolean;
}

export interface RecentTrack {
  artist: string;
  track: string;
  album: string;
  /** UTC seconds the play started; null for the track playing now. */
  timestamp: number | null;
  nowPlaying: boolean;
  mbid?: string;
}

export interface RecentTracksPage {
  tracks: RecentTrack[];
  page: number;
  totalPages: number;
  total: number;
  perPage: number;
}

export interface LastfmUserInfo {
  name: string;
  playcount: number;
  /** UTC seconds the account was created, when the server says. */
  registered: number | null;
  url: string;
}
