import { describe, expect, it } from 'vitest';
import { statusFrom, trackFromMetadata } from '../../../src/main/sources/players/mpris/metadata.js';

// Metadata as the PlayerBus hands it over (variants unwrapped), recorded from mpv-mpris,
// Spotify and a Firefox tab.
describe('MPRIS metadata', () => {
  it('reads mpv-mpris tags', () => {
    expect(
      trackFromMetadata({
        'xesam:artist': ['Other'],
        'mpris:trackid': '/1',
        'xesam:title': 'Second',
        'xesam:url': 'file:///tmp/mp/b.ogg',
        'mpris:length': 8_000_000,
      }),
    ).toEqual({
      artist: 'Other',
      title: 'Second',
      album: null,
      albumArtist: null,
      trackNumber: null,
      lengthMs: 8000,
      trackId: '/1',
      url: 'file:///tmp/mp/b.ogg',
    });
  });

  it('joins several artists, drops empty strings, and treats a zero length as unknown', () => {
    const track = trackFromMetadata({
      'xesam:artist': ['A', '', 'B'],
      'xesam:title': '  ',
      'xesam:album': 'Album',
      'xesam:albumArtist': ['A'],
      'xesam:trackNumber': 3,
      'mpris:length': 0,
    });
    expect(track).toMatchObject({
      artist: 'A, B',
      title: null,
      album: 'Album',
      albumArtist: 'A',
      trackNumber: 3,
      lengthMs: null,
    });
  });

  it('accepts a single string where an array belongs (some players do that)', () => {
    expect(trackFromMetadata({ 'xesam:artist': 'Solo', 'xesam:title': 'T' }).artist).toBe('Solo');
  });

  it('maps playback status', () => {
    expect(['Playing', 'Paused', 'Stopped', 'Weird'].map(statusFrom)).toEqual([
      'playing',
      'paused',
      'stopped',
      null,
    ]);
  });
});
