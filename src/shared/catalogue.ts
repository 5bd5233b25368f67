// What the catalogue calls answer (catalogue.search, catalogue.album, profile.recent): plain
// data for the window, named after the service that answered. No key or secret is ever part
// of one.

export const CATALOGUE_KINDS = ['track', 'artist', 'album'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

/** One match of a catalogue search: `track` for track searches, `album` for album searches. */
export interface CatalogueMatch {
  artist: string;
  track?: string;
  album?: string;
  listeners: number | null;
}

export interface CatalogueSearchResult {
  /** The service that answered (`lastfm`, `librefm`, a custom GNU FM server's id). */
  service: string;
  serviceName: string;
  kind: CatalogueKind;
  matches: CatalogueMatch[];
}

export interface CatalogueAlbumTrack {
  position: number;
  title: string;
  artist: string;
  /** Seconds; null when the service does not know the length. */
  duration: number | null;
}

export interface CatalogueAlbum {
  service: string;
  serviceName: string;
  artist: string;
  album: string;
  url: string;
  tracks: CatalogueAlbumTrack[];
}

/** One finished play from someone's profile (the playing track is left out). */
export interface ProfilePlay {
  artist: string;
  track: string;
  album: string;
  /** UTC seconds the play started. */
  timestamp: number;
}

export interface ProfilePage {
  service: string;
  serviceName: string;
  /** The user as the service spells the name. */
  user: string;
  page: number;
  totalPages: number;
  total: number;
  plays: ProfilePlay[];
}

/** Plays per profile page. */
export const PROFILE_PAGE_SIZE = 50;
