import { describe, expect, it } from 'vitest';
import { EMPTY_TRACK_FIELDS } from '../../../src/renderer/lib/scrobble-form.js';
import {
  catalogueKindFor,
  fieldsWithPick,
  mergeSuggestions,
} from '../../../src/renderer/lib/suggestion-list.js';

// What a field's suggestion list shows, and what picking an entry fills in.

const police = { artist: 'Radiohead', track: 'Karma Police', listeners: 1 };
const chameleon = { artist: 'Culture Club', track: 'Karma Chameleon', listeners: 2 };

describe('merging your scrobbles with the catalogue', () => {
  it('your own values first, then catalogue entries with their artist', () => {
    const options = mergeSuggestions('track', 'Karma', ['Karma Chameleon'], [police]);
    expect(options.map((o) => [o.value, o.source, o.detail])).toEqual([
      ['Karma Chameleon', 'history', undefined],
      ['Karma Police', 'catalogue', 'Radiohead'],
    ]);
  });

  it('a catalogue entry you already have from your scrobbles is not shown twice', () => {
    const options = mergeSuggestions('track', 'karma', ['Karma Chameleon'], [chameleon, police]);
    expect(options.map((o) => o.value)).toEqual(['Karma Chameleon', 'Karma Police']);
  });

  it('drops catalogue answers that no longer fit what is typed (an older, slower answer)', () => {
    const options = mergeSuggestions('track', 'Karma P', [], [chameleon, police]);
    expect(options.map((o) => o.value)).toEqual(['Karma Police']);
  });

  it('never suggests exactly what is already typed, and stops at the limit', () => {
    expect(mergeSuggestions('artist', 'Radiohead', ['Radiohead'], [police])).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => `Band ${i}`);
    expect(mergeSuggestions('artist', 'Band', many, [], 12)).toHaveLength(12);
  });

  it('each field searches the matching kind', () => {
    expect(
      ['track', 'album', 'artist', 'albumArtist'].map((f) => catalogueKindFor(f as never)),
    ).toEqual(['track', 'album', 'artist', 'artist']);
  });
});

describe('picking an entry', () => {
  const option = (value: string, artist?: string) => ({
    key: value,
    value,
    source: 'catalogue' as const,
    ...(artist ? { artist } : {}),
  });

  it('a catalogue track fills its title and artist', () => {
    const next = fieldsWithPick(EMPTY_TRACK_FIELDS, 'track', option('Karma Police', 'Radiohead'));
    expect(next).toMatchObject({ track: 'Karma Police', artist: 'Radiohead' });
  });

  it('an album fills the artist when it is empty, else the album artist when it differs', () => {
    const empty = fieldsWithPick(EMPTY_TRACK_FIELDS, 'album', option('Now 42', 'Various Artists'));
    expect(empty).toMatchObject({ album: 'Now 42', artist: 'Various Artists', albumArtist: '' });
    const typed = { ...EMPTY_TRACK_FIELDS, artist: 'Nena' };
    expect(fieldsWithPick(typed, 'album', option('Now 42', 'Various Artists'))).toMatchObject({
      artist: 'Nena',
      albumArtist: 'Various Artists',
    });
    expect(fieldsWithPick(typed, 'album', option('99 Luftballons', 'nena')).albumArtist).toBe('');
  });

  it('one of your own values fills only its field', () => {
    const typed = { ...EMPTY_TRACK_FIELDS, artist: 'Nena' };
    expect(fieldsWithPick(typed, 'track', option('Irgendwie'))).toEqual({
      ...typed,
      track: 'Irgendwie',
    });
  });
});
