// Reads SoundCloud's JSON defensively: unknown fields are ignored, missing ones left out, and
// anything that is not a user or track becomes a clear error rather than a half-filled object.
import { SoundCloudError } from './errors.js';
import type { SoundCloudTrack, SoundCloudUser } from './types.js';

type Json = Record<string, unknown>;

function record(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function parseUser(value: unknown): SoundCloudUser {
  const json = record(value);
  const id = text(json?.['urn']) ?? text(json?.['id']);
  const username = text(json?.['username']);
  if (!json || id === undefined || username === undefined) {
    throw new SoundCloudError('unreadable', 'SoundCloud answered "me" without a user in it.');
  }
  const user: SoundCloudUser = { id, username };
  const fullName = text(json['full_name']);
  if (fullName !== undefined) user.fullName = fullName;
  const permalink = text(json['permalink_url']);
  if (permalink !== undefined) user.permalinkUrl = permalink;
  return user;
}

const NOT_A_TRACK: Readonly<Record<string, string>> = {
  playlist:
    'This SoundCloud link is a playlist or album (a set), not a single track: open one track and use its link.',
  user: 'This SoundCloud link is a profile, not a track: open one track and use its link.',
};

export function parseTrack(value: unknown): SoundCloudTrack {
  const json = record(value);
  const kind = text(json?.['kind']);
  if (kind !== undefined && kind !== 'track') {
    throw new SoundCloudError(
      'not-found',
      NOT_A_TRACK[kind] ?? 'This SoundCloud link is not a track: open one track and use its link.',
    );
  }
  const id = text(json?.['urn']) ?? text(json?.['id']);
  const title = text(json?.['title']);
  const uploader = text(record(json?.['user'])?.['username']);
  if (!json || id === undefined || title === undefined || uploader === undefined) {
    throw new SoundCloudError(
      'unreadable',
      'SoundCloud answered with a track Scrobbletray cannot read.',
    );
  }
  const track: SoundCloudTrack = { id, title, uploader };
  const duration = json['full_duration'] ?? json['duration'];
  if (typeof duration === 'number' && Number.isFinite(duration) && duration > 0) {
    track.durationMs = Math.round(duration);
  }
  const permalink = text(json['permalink_url']);
  if (permalink !== undefined) track.permalinkUrl = permalink;
  const meta = record(json['publisher_metadata']);
  if (meta) {
    const artist = text(meta['artist']);
    const album = text(meta['album_title']) ?? text(meta['release_title']);
    if (artist !== undefined || album !== undefined) {
      track.publisher = {};
      if (artist !== undefined) track.publisher.artist = artist;
      if (album !== undefined) track.publisher.album = album;
    }
  }
  return track;
}

/** A likes page: `collection` of tracks (or of {track} wrappers) and `next_href`. */
export function parseLikesPage(value: unknown): { items: unknown[]; nextHref: string | null } {
  const json = record(value);
  const collection = json?.['collection'];
  if (!json || !Array.isArray(collection)) {
    throw new SoundCloudError(
      'unreadable',
      'SoundCloud answered the likes list with something else.',
    );
  }
  const items = collection.map((item) => record(item)?.['track'] ?? item);
  const next = text(json['next_href']) ?? null;
  return { items, nextHref: next };
}
