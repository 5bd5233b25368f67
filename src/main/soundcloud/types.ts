// What Scrobbletray reads from SoundCloud's API: the signed-in user and tracks.

export interface SoundCloudUser {
  /** SoundCloud's id (a number, or a URN on newer answers), as text. */
  id: string;
  username: string;
  fullName?: string;
  permalinkUrl?: string;
}

export interface SoundCloudTrack {
  id: string;
  /** The title as uploaded (may read "Artist - Title" when a label uploaded it). */
  title: string;
  /** The uploading account's name: the artist for most uploads, a label or channel for some. */
  uploader: string;
  /** Length in milliseconds, when known. */
  durationMs?: number;
  permalinkUrl?: string;
  /** Label-supplied metadata (publisher_metadata), the best source when present. */
  publisher?: {
    artist?: string;
    /** album_title, else release_title. */
    album?: string;
  };
}

export interface LikesPage {
  tracks: SoundCloudTrack[];
  /** Pass to likes() for the next page; null on the last page. */
  next: string | null;
}
