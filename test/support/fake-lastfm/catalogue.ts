// The records the fake knows, for track.search, artist.search, album.search and
// album.getInfo. A small default catalogue (real albums, real lengths) so tests can search
// without setting one up; tests that need other records pass `catalogue` to startFakeLastfm.

export interface FakeCatalogueTrack {
  title: string;
  /** Seconds; null for a track whose length Last.fm does not know (it sends null). */
  duration: number | null;
  /** Only when it differs from the album's artist (a compilation). */
  artist?: string;
  listeners?: number;
}

export interface FakeCatalogueAlbum {
  artist: string;
  album: string;
  listeners?: number;
  tracks: FakeCatalogueTrack[];
}

export const DEFAULT_CATALOGUE: readonly FakeCatalogueAlbum[] = [
  {
    artist: 'Radiohead',
    album: 'OK Computer',
    listeners: 2_400_000,
    tracks: [
      { title: 'Airbag', duration: 284, listeners: 900_000 },
      { title: 'Paranoid Android', duration: 387, listeners: 1_500_000 },
      { title: 'Subterranean Homesick Alien', duration: 267, listeners: 800_000 },
      { title: 'Exit Music (For a Film)', duration: 264, listeners: 1_000_000 },
      { title: 'Let Down', duration: 299, listeners: 1_100_000 },
      { title: 'Karma Police', duration: 264, listeners: 1_700_000 },
      { title: 'Fitter Happier', duration: 117, listeners: 600_000 },
      { title: 'Electioneering', duration: 230, listeners: 600_000 },
      { title: 'Climbing Up the Walls', duration: 285, listeners: 700_000 },
      { title: 'No Surprises', duration: 229, listeners: 1_600_000 },
      { title: 'Lucky', duration: 259, listeners: 800_000 },
      { title: 'The Tourist', duration: 324, listeners: 700_000 },
    ],
  },
  {
    artist: 'Radiohead',
    album: 'In Rainbows',
    listeners: 2_000_000,
    tracks: [
      { title: '15 Step', duration: 237 },
      { title: 'Bodysnatchers', duration: 242 },
      { title: 'Nude', duration: 255 },
      { title: 'Weird Fishes/Arpeggi', duration: 318 },
    ],
  },
  {
    artist: 'The Beatles',
    album: 'Abbey Road',
    listeners: 2_200_000,
    tracks: [
      { title: 'Come Together', duration: 260, listeners: 1_400_000 },
      { title: 'Something', duration: 183, listeners: 1_200_000 },
      { title: 'Maxwell’s Silver Hammer', duration: 207 },
      { title: 'Oh! Darling', duration: 206 },
      { title: 'Octopus’s Garden', duration: 171 },
      { title: 'I Want You (She’s So Heavy)', duration: 467 },
      { title: 'Here Comes the Sun', duration: 185, listeners: 1_800_000 },
    ],
  },
  {
    artist: 'Cher',
    album: 'Believe',
    listeners: 500_000,
    tracks: [
      { title: 'Believe', duration: 239, listeners: 900_000 },
      { title: 'The Power', duration: 236 },
      // Last.fm knows no length for some tracks and sends null.
      { title: 'Runaway', duration: null },
    ],
  },
];
