// Two tracks the SoundCloud link, CLI and window tests put in the fake: one whose publisher metadata
// names the artist and album (uploaded by the label), and one with neither, whose artist can
// only come from the uploader. Their titles, permalinks and durations are what those tests
// expect back.
import type { FakeTrack } from './index.js';

/** Uploaded by the label; the publisher metadata gives artist Bonobo and album Migration. */
export const LABEL_TRACK: FakeTrack = {
  id: 7,
  title: 'Bonobo - Kerala',
  user: 'ninjatune',
  durationMs: 245_612,
  permalink: 'ninjatune/bonobo-kerala',
  publisher: { artist: 'Bonobo', album_title: 'Migration' },
};

/** Uploaded by the artist, no publisher metadata, no "artist - " in the title. */
export const PLAIN_TRACK: FakeTrack = {
  id: 8,
  title: 'Flickermood',
  user: 'Forss',
  durationMs: 213_000,
  permalink: 'forss/flickermood',
};
