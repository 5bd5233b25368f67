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

/** What a catalogue search looks for: tracks, artists or albums by name. */
export type CatalogueKind = 'track' | 'artist' | 'album';

/** One search result; `track` only for track.search, `album` only for album.search. */
export interface SearchMatch {
  artist: string;
  track?: string;
  album?: string;
  /** How many people listened, when the server says (Last.fm does; it orders by it). */
  listeners: number | null;
  mbid?: string;
}

export interface SearchPage {
  matches: SearchMatch[];
  /** Matches in all, across pages. */
  total: number;
}

export interface AlbumTrack {
  /** 1-based position on the album (Last.fm's `rank`). */
  position: number;
  title: string;
  artist: string;
  /** Seconds; null when the service does not know the length. */
  duration: number | null;
}

export interface AlbumInfo {
  artist: string;
  album: string;
  url: string;
  tracks: AlbumTrack[];
}
